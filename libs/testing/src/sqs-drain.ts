import type { BatchResultErrorEntry, Message, SQSClient } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';

/** How long {@link drainQueue} and {@link peekQueue} may go on receiving. */
export interface DrainOptions {
  /** Fail when the queue still hands out messages after this long; 30 s by default. */
  readonly deadlineMs?: number;
}

/** Hides what a peek received until it is made visible again, so no receive repeats it. */
const PEEK_VISIBILITY_SECONDS = 60;
/** SQS's most entries in one batch call. */
const BATCH_MAX = 10;

interface BatchEntry {
  readonly Id: string;
  readonly ReceiptHandle: string;
}

/**
 * Receives every message a queue holds visible, with its attributes, until a receive comes
 * back empty, and deletes each page once read: a test that owns the queue takes what arrived.
 *
 * @throws Error when the queue still hands out messages after `deadlineMs`, or when SQS
 *   did not delete one of them.
 * @example
 * const bodies = (await drainQueue(sqs, queueUrl)).map((message) => message.Body);
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: DrainOptions = {},
): Promise<Message[]> {
  const messages: Message[] = [];
  await receiveAll(sqs, queueUrl, options, messages, undefined, (page) =>
    inBatches(queueUrl, page, 'delete', (Entries) =>
      sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries })),
    ),
  );
  return messages;
}

/**
 * Every message a queue holds visible, which then stays in the queue: each is received
 * (hidden meanwhile, so it comes once), then made visible again, also when the peek fails.
 *
 * @throws Error when the queue still hands out messages after `deadlineMs`, or when SQS
 *   did not make one of them visible again.
 * @example
 * const inDlq = await peekQueue(sqs, dlqUrl);
 */
export async function peekQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: DrainOptions = {},
): Promise<Message[]> {
  const messages: Message[] = [];
  const restore = () =>
    inBatches(queueUrl, messages, 'make visible again', (entries) =>
      sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((entry) => ({ ...entry, VisibilityTimeout: 0 })),
        }),
      ),
    );
  try {
    await receiveAll(sqs, queueUrl, options, messages, PEEK_VISIBILITY_SECONDS);
  } catch (error) {
    // The peek's own failure is the one to report, with the restore's beside it.
    await restore().catch((restoreError: Error) => {
      throw new Error(`${(error as Error).message}; then ${restoreError.message}`, {
        cause: error,
      });
    });
    throw error;
  }
  await restore();
  return messages;
}

/** Receives pages into `messages` until one comes back empty. */
async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  { deadlineMs = 30_000 }: DrainOptions,
  messages: Message[],
  visibilityTimeout?: number,
  onPage?: (page: Message[]) => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const { Messages: page = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: BATCH_MAX,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        ...(visibilityTimeout === undefined ? {} : { VisibilityTimeout: visibilityTimeout }),
      }),
    );
    if (page.length === 0) return;
    messages.push(...page);
    await onPage?.(page);
    if (Date.now() > deadline)
      throw new Error(
        `${queueUrl} still had messages after ${deadlineMs} ms (${messages.length} received)`,
      );
  }
}

/**
 * Sends a batch call for `messages`, ten at a time. A batch call answers 200 when some of
 * its entries failed, so each `Failed` entry is an error here, named by its message.
 */
async function inBatches(
  queueUrl: string,
  messages: readonly Message[],
  what: string,
  send: (entries: BatchEntry[]) => Promise<{ Failed?: BatchResultErrorEntry[] | undefined }>,
): Promise<void> {
  const failed: string[] = [];
  for (let start = 0; start < messages.length; start += BATCH_MAX) {
    const batch = messages.slice(start, start + BATCH_MAX);
    const { Failed = [] } = await send(
      batch.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle ?? '' })),
    );
    for (const entry of Failed)
      failed.push(`${batch[Number(entry.Id)]?.MessageId ?? entry.Id}: ${entry.Code}`);
  }
  if (failed.length > 0)
    throw new Error(
      `${queueUrl}: could not ${what} ${failed.length} of ${messages.length} messages (${failed.join(', ')})`,
    );
}
