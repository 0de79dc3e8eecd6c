import type { z } from 'zod';
import { s3EventNotificationSchema, s3TestEventSchema, snsEnvelopeSchema } from './s3-event.schema';
import type { S3EventRecord } from './s3-event.schema';
import { decodeS3Key } from './s3-key';
import { normalizeSequencer } from './sequencer';

/** What a service needs to know about one uploaded object, with its key decoded. */
export interface ImageEvent {
  /** The decoded source key: the image's identity. */
  readonly imageId: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number | undefined;
  readonly eTag: string | undefined;
  /** Padded to a fixed width: see {@link normalizeSequencer}. */
  readonly sequencer: string;
  readonly eventName: string;
  readonly eventTime: string;
  /** `x-amz-request-id` of the upload, used as the correlation id in logs. */
  readonly requestId: string | undefined;
}

/**
 * Thrown when a message is not the SNS → S3 notification chain a service expects. It is
 * permanent: retrying the same bytes cannot make them parse.
 */
export class MalformedEventError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedEventError';
  }
}

/**
 * Turns one S3 event record into an {@link ImageEvent}.
 *
 * @example
 * toImageEvent(record).imageId; // 'my photos/café.jpg'
 */
export function toImageEvent(record: S3EventRecord): ImageEvent {
  const { bucket, object } = record.s3;
  const key = decodeS3Key(object.key);
  return {
    imageId: key,
    bucket: bucket.name,
    key,
    size: object.size,
    eTag: object.eTag,
    sequencer: normalizeSequencer(object.sequencer),
    eventName: record.eventName,
    eventTime: record.eventTime,
    requestId: record.responseElements?.['x-amz-request-id'],
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MalformedEventError(`${what} is not JSON`, { cause });
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Parses an SQS message body holding an SNS envelope whose `Message` is an S3 event
 * notification, and returns the `ObjectCreated` events in it, keys decoded. S3's
 * `s3:TestEvent` and events of other kinds yield no events.
 *
 * @throws MalformedEventError when any layer does not match its schema.
 * @example
 * const events = parseImageEvents(sqsRecord.body);
 * for (const event of events) await processImage(event);
 */
export function parseImageEvents(sqsBody: string): ImageEvent[] {
  const envelope = snsEnvelopeSchema.safeParse(parseJson(sqsBody, 'SQS body'));
  if (!envelope.success) {
    throw new MalformedEventError(`SQS body is not an SNS notification: ${describe(envelope.error)}`);
  }
  const message = parseJson(envelope.data.Message, 'SNS Message');
  if (s3TestEventSchema.safeParse(message).success) {
    return [];
  }
  const notification = s3EventNotificationSchema.safeParse(message);
  if (!notification.success) {
    throw new MalformedEventError(`SNS Message is not an S3 event notification: ${describe(notification.error)}`);
  }
  return notification.data.Records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map(
    toImageEvent,
  );
}
