import type { S3Client } from '@aws-sdk/client-s3';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ImageRecords } from '@imgpipe/aws';
import { buildSnsEnvelope } from '@imgpipe/event-schemas';
import { reprocessMessage, reprocessSequencer } from './reprocess-event';

/** A source object to reprocess: what its notification carries. */
export interface SourceObject {
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
}

/** Where a reprocess reads and sends. */
export interface ReprocessTarget {
  readonly sqs: SQSClient;
  readonly records: ImageRecords;
  readonly bucket: string;
  readonly topicArn: string;
  readonly region: string;
  /** The queue of every service chosen. */
  readonly queueUrls: readonly string[];
}

/**
 * Sends one object's upload notification, SNS-enveloped as the topic would deliver it,
 * straight to each chosen queue, with a sequencer one above the largest its record holds.
 *
 * @returns the sequencer used.
 * @example
 * const sequencer = await republish(target, { key: 'a.jpg', size: 1024, eTag: 'abc' });
 */
export async function republish(target: ReprocessTarget, object: SourceObject): Promise<string> {
  const sequencer = reprocessSequencer(await target.records.get(object.key));
  const message = reprocessMessage({
    bucket: target.bucket,
    key: object.key,
    sequencer,
    size: object.size,
    eTag: object.eTag,
    region: target.region,
  });
  const MessageBody = JSON.stringify(buildSnsEnvelope(message, target.topicArn));
  for (const QueueUrl of target.queueUrls)
    await target.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));
  return sequencer;
}

/**
 * Every source object whose key starts with `prefix` (S3's own prefix match, so exact, not a
 * substring), modified at or after `since` when given, in key order.
 *
 * @example
 * const objects = await listSourceObjects(s3, 'imgpipe-source', 'albums/2024/');
 */
export async function listSourceObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  since?: Date,
): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      if (since !== undefined && (item.LastModified ?? new Date(0)) < since) continue;
      objects.push({
        key: item.Key,
        size: item.Size ?? 0,
        eTag: (item.ETag ?? '').replace(/"/g, ''),
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
}
