import { parseImageEvents } from '@imgpipe/event-schemas';

/**
 * The parts of a received SQS message a summary reads. The SDK's `Message` fits it; it is
 * spelled out here so the summary stays free of AWS clients.
 */
export interface ReceivedMessage {
  readonly MessageId?: string | undefined;
  readonly Body?: string | undefined;
  readonly Attributes?: Readonly<Partial<Record<string, string>>> | undefined;
}

/** A DLQ message as people need to see it before deciding to replay it. */
export interface DlqMessageSummary {
  readonly messageId: string;
  /**
   * `ApproximateReceiveCount` as SQS reports it now: every receive from the source queue
   * and from the DLQ, listing included. Undefined when SQS did not say.
   */
  readonly receiveCount: number | undefined;
  /** When the message was first sent (SNS → source queue); a move to the DLQ keeps it. */
  readonly sentAt: Date | undefined;
  /** When a consumer first received it, usually the first failed attempt. */
  readonly firstReceivedAt: Date | undefined;
  /** The decoded source keys of the image events inside; empty for `s3:TestEvent`. */
  readonly keys: readonly string[];
  /** Why the body is not an image event message; absent when it parsed. */
  readonly malformed?: string;
}

/** The system attributes a summary reads; ask ReceiveMessage for exactly these. */
export const SUMMARY_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SentTimestamp',
] as const;

/**
 * Summarises one DLQ message: id, receive count, sent and first-receive times, and the image
 * keys in its body. A body that does not parse is reported with the parse error instead of
 * throwing, so one broken message never hides the rest of a listing.
 *
 * @example
 * const summary = summariseDlqMessage(message);
 * summary.keys; // ['photos/café + tea.jpg']
 * summary.malformed; // undefined, or 'SQS body is not JSON'
 */
export function summariseDlqMessage(message: ReceivedMessage): DlqMessageSummary {
  const attributes = message.Attributes ?? {};
  const base = {
    messageId: message.MessageId ?? '(no id)',
    receiveCount: wholeNumber(attributes['ApproximateReceiveCount']),
    sentAt: epochMillis(attributes['SentTimestamp']),
    firstReceivedAt: epochMillis(attributes['ApproximateFirstReceiveTimestamp']),
  };
  try {
    const keys = parseImageEvents(message.Body ?? '').map((event) => event.imageId);
    return { ...base, keys };
  } catch (error) {
    return { ...base, keys: [], malformed: (error as Error).message };
  }
}

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function epochMillis(text: string | undefined): Date | undefined {
  const millis = wholeNumber(text);
  return millis === undefined ? undefined : new Date(millis);
}
