import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { listObjects } from '@imgpipe/aws';
import type { ListedObject } from '@imgpipe/aws';
import { STAGE_OF_SERVICE } from '@imgpipe/event-schemas';
import type { ImageRecord, StageName } from '@imgpipe/event-schemas';
import type { ServiceName } from './cli-options';
import { publishObjectCreated } from './s3-bridge';
import type { SequencerStore } from './sequencer-store';

/**
 * The record stages the given services write.
 *
 * @example
 * stagesOf(['metadata', 'resize']); // ['image', 'resize']
 */
export function stagesOf(services: readonly ServiceName[]): StageName[] {
  return services.map((service) => STAGE_OF_SERVICE[`${service}-service`]);
}

/**
 * Whether an object still needs one of the running stages: its record is missing, or one
 * of those stages has neither finished nor been rejected. With every service running this
 * is `!isRecordComplete(record)`; a stage whose service is not running is not waited for.
 *
 * @example
 * needsProcessing({ imageId: 'a.jpg', image: doneStage }, ['image', 'resize']); // true
 */
export function needsProcessing(
  record: Pick<ImageRecord, StageName> | undefined,
  stages: readonly StageName[],
): boolean {
  return stages.some((stage) => record?.[stage] === undefined);
}

/**
 * The listed objects whose records need a running stage, in listing order.
 *
 * @example
 * selectIncomplete(objects, new Map([['a.jpg', record]]), ['image']);
 */
export function selectIncomplete(
  objects: readonly ListedObject[],
  records: ReadonlyMap<string, Pick<ImageRecord, StageName> | undefined>,
  stages: readonly StageName[],
): ListedObject[] {
  return objects.filter((object) => needsProcessing(records.get(object.key), stages));
}

/** What the reconcile reads and writes. */
export interface ReconcileDeps {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly db: DynamoDBDocumentClient;
  readonly sourceBucket: string;
  readonly table: string;
  readonly topicArn: string;
  readonly region: string;
  readonly sequencers: SequencerStore;
}

/**
 * Publishes again every source object a running stage has not finished, with the sequencer
 * its upload got, since the queues (in memory) lost whatever was in them at the last stop.
 *
 * @returns the listing and the keys published again.
 * @example
 * const { republished } = await reconcile(deps, stagesOf(services));
 */
export async function reconcile(
  deps: ReconcileDeps,
  stages: readonly StageName[],
): Promise<{ readonly objects: readonly ListedObject[]; readonly republished: readonly string[] }> {
  // The same listing `imgpipe reprocess --prefix` uses, over the whole bucket.
  const objects = await listObjects(deps.s3, deps.sourceBucket);
  if (stages.length === 0) return { objects, republished: [] };
  const records = new Map<string, ImageRecord | undefined>();
  for (const object of objects) {
    const out = await deps.db.send(
      new GetCommand({ TableName: deps.table, Key: { imageId: object.key }, ConsistentRead: true }),
    );
    records.set(object.key, out.Item as ImageRecord | undefined);
  }
  const incomplete = selectIncomplete(objects, records, stages);
  for (const object of incomplete) {
    // An object with no sequencer predates the sequencer file: it gets one now, once.
    const sequencer = deps.sequencers.current(object.key) ?? deps.sequencers.assign(object.key);
    await publishObjectCreated(deps.sns, deps.topicArn, {
      bucket: deps.sourceBucket,
      key: object.key,
      size: object.size,
      eTag: object.eTag,
      sequencer,
      region: deps.region,
    });
  }
  return { objects, republished: incomplete.map((object) => object.key) };
}
