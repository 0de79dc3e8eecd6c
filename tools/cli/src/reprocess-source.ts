import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ImageRecords, ListedObject } from '@imgpipe/aws';
import { buildSnsEnvelope } from '@imgpipe/event-schemas';
import { reprocessMessage, reprocessSequencer } from './reprocess-event';

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
export async function republish(target: ReprocessTarget, object: ListedObject): Promise<string> {
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
