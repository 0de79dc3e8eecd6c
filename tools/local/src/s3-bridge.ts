import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSClient } from '@aws-sdk/client-sns';
import { buildS3EventRecord, buildS3Notification, imageEventKindOf } from '@imgpipe/event-schemas';
import type { ImageEventKind, ObjectEventFacts } from '@imgpipe/event-schemas';
import type { SequencerStore } from './sequencer-store';

/** The part of an s3rver `event` the bridge reads (its records have the S3 shape, key not encoded). */
export interface S3rverEvent {
  readonly Records: ReadonlyArray<{
    readonly eventName: string;
    readonly eventTime: string;
    readonly awsRegion?: string;
    readonly responseElements?: Readonly<Record<string, string>>;
    readonly s3: {
      readonly bucket: { readonly name: string };
      readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string };
    };
  }>;
}

/** An object event in the source bucket, before it has a sequencer. */
export type SourceObjectEvent = Omit<ObjectEventFacts, 'sequencer'> & {
  /** `created` for an upload or copy, `removed` for a deletion (no size or eTag then, as on AWS). */
  readonly kind: ImageEventKind;
};

/**
 * The `ObjectCreated` and `ObjectRemoved` events of an s3rver event that concern the
 * source bucket: outputs written to (or deleted from) other buckets are not uploads.
 *
 * @example
 * sourceObjectEventsOf(event, 'imgpipe-source'); // [{ kind: 'created', bucket: 'imgpipe-source', key: 'a b.jpg', size: 5, ... }]
 */
export function sourceObjectEventsOf(
  event: S3rverEvent,
  sourceBucket: string,
): SourceObjectEvent[] {
  return event.Records.flatMap((record) => {
    const kind = imageEventKindOf(record.eventName);
    if (kind === undefined || record.s3.bucket.name !== sourceBucket) return [];
    const { key, size, eTag } = record.s3.object;
    const requestId = record.responseElements?.['x-amz-request-id'];
    return [
      {
        kind,
        bucket: record.s3.bucket.name,
        key,
        eventName: record.eventName,
        eventTime: record.eventTime,
        ...(kind === 'created' && Number.isFinite(size) ? { size: size as number } : {}),
        ...(kind === 'created' && eTag ? { eTag } : {}),
        ...(requestId ? { requestId } : {}),
      },
    ];
  });
}

/**
 * Publishes the notification AWS would send for one object event (created or, by its
 * `eventName`, removed) to the uploads topic.
 *
 * @example
 * await publishObjectCreated(sns, topicArn, { bucket, key, sequencer, size, eTag, region });
 */
export async function publishObjectCreated(
  sns: SNSClient,
  topicArn: string,
  facts: ObjectEventFacts,
): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: 'Amazon S3 Notification',
      Message: JSON.stringify(buildS3Notification([buildS3EventRecord(facts)])),
    }),
  );
}

/** What the bridge needs. */
export interface BridgeDeps {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly topicArn: string;
  readonly sourceBucket: string;
  readonly region: string;
  readonly sequencers: SequencerStore;
  readonly onPublished: (facts: ObjectEventFacts) => void;
  readonly onError: (key: string, error: unknown) => void;
}

/** Turns s3rver's object events into SNS notifications; see {@link createBridge}. */
export interface Bridge {
  readonly handle: (event: S3rverEvent) => void;
  /** Resolves once every event handed in so far is published (or failed). */
  readonly idle: () => Promise<void>;
  readonly busy: () => boolean;
}

/**
 * The bridge S3 has no local equivalent of: each upload to or deletion from the source
 * bucket gets a new sequencer (assigned synchronously, in event order, so a deletion's is
 * greater than its object's upload's, as on AWS) and is published to the topic. A copy
 * carries no eTag in s3rver's event, so the object is read with HEAD then; a removal has
 * neither size nor eTag, as on AWS. (Each key a multi-object `DeleteObjects` removes
 * arrives as its own deletion: see `createS3Emulator`.)
 *
 * @example
 * const bridge = createBridge(deps);
 * s3rver.on('event', bridge.handle);
 */
export function createBridge(deps: BridgeDeps): Bridge {
  const pending = new Set<Promise<void>>();

  async function publish(objectEvent: SourceObjectEvent, sequencer: string): Promise<void> {
    const { kind, ...created } = objectEvent;
    let { size, eTag } = created;
    if (kind === 'created' && (size === undefined || eTag === undefined)) {
      const head = await deps.s3.send(
        new HeadObjectCommand({ Bucket: created.bucket, Key: created.key }),
      );
      size = head.ContentLength ?? 0;
      eTag = (head.ETag ?? '').replace(/"/g, '');
    }
    const facts: ObjectEventFacts = {
      ...created,
      ...(size === undefined ? {} : { size }),
      ...(eTag === undefined ? {} : { eTag }),
      sequencer,
      region: deps.region,
    };
    await publishObjectCreated(deps.sns, deps.topicArn, facts);
    deps.onPublished(facts);
  }

  return {
    handle(event) {
      for (const objectEvent of sourceObjectEventsOf(event, deps.sourceBucket)) {
        const { key } = objectEvent;
        const sequencer =
          objectEvent.kind === 'removed'
            ? deps.sequencers.assignRemoval(key)
            : deps.sequencers.assign(key);
        const task = publish(objectEvent, sequencer)
          .catch((error: unknown) => deps.onError(key, error))
          .finally(() => pending.delete(task));
        pending.add(task);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    busy: () => pending.size > 0,
  };
}
