import { randomUUID } from 'node:crypto';
import type { S3EventNotification, S3EventRecord, SnsEnvelope } from './s3-event.schema';
import { encodeS3Key } from './s3-key';

/** The facts of one object event, with the key as stored (not encoded). */
export interface ObjectEventFacts {
  readonly bucket: string;
  readonly key: string;
  readonly sequencer: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly eventName?: string;
  readonly eventTime?: string;
  readonly region?: string;
  readonly requestId?: string;
}

/**
 * Builds an S3 event record exactly as AWS shapes it (event version 2.1, key URL-encoded,
 * bucket ARN `arn:aws:s3:::name`). The local bridge publishes these; tests build events
 * with it instead of copying JSON.
 *
 * @example
 * const record = buildS3EventRecord({ bucket: 'src', key: 'a b.jpg', sequencer: '01' });
 * record.s3.object.key; // 'a+b.jpg'
 */
export function buildS3EventRecord(facts: ObjectEventFacts): S3EventRecord {
  const requestId = facts.requestId ?? randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: facts.region ?? 'us-east-1',
    eventTime: facts.eventTime ?? new Date().toISOString(),
    eventName: facts.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:IMGPIPELOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'imgpipe-object-created',
      bucket: {
        name: facts.bucket,
        ownerIdentity: { principalId: 'IMGPIPELOCAL' },
        arn: `arn:aws:s3:::${facts.bucket}`,
      },
      object: {
        key: encodeS3Key(facts.key),
        ...(facts.size === undefined ? {} : { size: facts.size }),
        ...(facts.eTag === undefined ? {} : { eTag: facts.eTag }),
        sequencer: facts.sequencer,
      },
    },
  };
}

/**
 * Wraps S3 event records in a notification body.
 *
 * @example
 * JSON.stringify(buildS3Notification([buildS3EventRecord(facts)]));
 */
export function buildS3Notification(records: readonly S3EventRecord[]): S3EventNotification {
  return { Records: [...records] };
}

/**
 * Wraps a message in the envelope SNS delivers to SQS with raw message delivery off.
 *
 * @example
 * const body = JSON.stringify(buildSnsEnvelope(JSON.stringify(notification), topicArn));
 */
export function buildSnsEnvelope(message: string, topicArn: string): SnsEnvelope {
  return {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Subject: 'Amazon S3 Notification',
    Message: message,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: 'imgpipe-local',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/local.pem',
    UnsubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
  };
}

/**
 * The SQS body for one object event: an SNS envelope around an S3 notification.
 *
 * @example
 * const body = buildSqsBodyForObject({ bucket: 'src', key: 'a.jpg', sequencer: '01' });
 */
export function buildSqsBodyForObject(
  facts: ObjectEventFacts,
  topicArn = 'arn:aws:sns:us-east-1:000000000000:imgpipe-uploads',
): string {
  const notification = buildS3Notification([buildS3EventRecord(facts)]);
  return JSON.stringify(buildSnsEnvelope(JSON.stringify(notification), topicArn));
}
