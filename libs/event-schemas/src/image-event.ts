import type { z } from 'zod';
import { s3EventNotificationSchema, s3TestEventSchema, snsEnvelopeSchema } from './s3-event.schema';
import type { S3EventRecord } from './s3-event.schema';
import { decodeS3Key } from './s3-key';
import { normalizeSequencer } from './sequencer';

/** Which S3 event family an {@link ImageEvent} belongs to. */
export type ImageEventKind = 'created' | 'removed';

/**
 * The S3 event-name prefix of each kind: `ObjectCreated:Put`, `ObjectRemoved:Delete`,
 * `ObjectRemoved:DeleteMarkerCreated` (the source bucket is versioned), …
 */
const KIND_PREFIXES: ReadonlyArray<readonly [string, ImageEventKind]> = [
  ['ObjectCreated:', 'created'],
  ['ObjectRemoved:', 'removed'],
];

/**
 * The kind of an S3 event name, or undefined for events a service ignores
 * (`ObjectRestore:*`, `Replication:*`, …).
 *
 * @example
 * imageEventKindOf('ObjectRemoved:DeleteMarkerCreated'); // 'removed'
 */
export function imageEventKindOf(eventName: string): ImageEventKind | undefined {
  return KIND_PREFIXES.find(([prefix]) => eventName.startsWith(prefix))?.[1];
}

/** What a service needs to know about one uploaded or removed object, with its key decoded. */
export interface ImageEvent {
  /** `created` for an upload (or overwrite), `removed` when the source object was deleted. */
  readonly kind: ImageEventKind;
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
  /** `x-amz-request-id` of the upload or deletion, used as the correlation id in logs. */
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
 * Turns one `ObjectCreated` or `ObjectRemoved` S3 event record into an {@link ImageEvent}.
 *
 * @throws MalformedEventError for an event of another kind.
 * @example
 * toImageEvent(record).imageId; // 'my photos/café.jpg'
 */
export function toImageEvent(record: S3EventRecord): ImageEvent {
  const kind = imageEventKindOf(record.eventName);
  if (kind === undefined) {
    throw new MalformedEventError(
      `S3 event ${record.eventName} is neither ObjectCreated nor ObjectRemoved`,
    );
  }
  const { bucket, object } = record.s3;
  const key = decodeS3Key(object.key);
  return {
    kind,
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
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses an SQS message body holding an SNS envelope whose `Message` is an S3 event
 * notification, and returns the `ObjectCreated` and `ObjectRemoved` events in it, keys
 * decoded, each with its {@link ImageEventKind}. S3's `s3:TestEvent` and events of other
 * kinds yield no events.
 *
 * @throws MalformedEventError when any layer does not match its schema.
 * @example
 * const events = parseImageEvents(sqsRecord.body);
 * for (const event of events) await (event.kind === 'removed' ? removeOutputs(event) : processImage(event));
 */
export function parseImageEvents(sqsBody: string): ImageEvent[] {
  const envelope = snsEnvelopeSchema.safeParse(parseJson(sqsBody, 'SQS body'));
  if (!envelope.success) {
    throw new MalformedEventError(
      `SQS body is not an SNS notification: ${describe(envelope.error)}`,
    );
  }
  const message = parseJson(envelope.data.Message, 'SNS Message');
  if (s3TestEventSchema.safeParse(message).success) {
    return [];
  }
  const notification = s3EventNotificationSchema.safeParse(message);
  if (!notification.success) {
    throw new MalformedEventError(
      `SNS Message is not an S3 event notification: ${describe(notification.error)}`,
    );
  }
  return notification.data.Records.filter(
    (record) => imageEventKindOf(record.eventName) !== undefined,
  ).map(toImageEvent);
}
