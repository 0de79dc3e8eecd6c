import type { Message, SQSClient } from '@aws-sdk/client-sqs';
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

/**
 * Receives every message a queue holds visible, with its attributes, until a receive comes
 * back empty, and deletes each page once read: a test that owns the queue takes what arrived.
 *
 * @throws Error when the queue still hands out messages after `deadlineMs`.
 * @example
 * const bodies = (await drainQueue(sqs, queueUrl)).map((message) => message.Body);
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: DrainOptions = {},
): Promise<Message[]> {
  return receiveAll(sqs, queueUrl, options, undefined, async (page) => {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: page.map((message, i) => ({
          Id: String(i),
          ReceiptHandle: message.ReceiptHandle ?? '',
        })),
      }),
    );
  });
}

/**
 * Every message a queue holds visible, which then stays in the queue: each is received
 * (hidden meanwhile, so it comes once), then made visible again.
 *
 * @throws Error when the queue still hands out messages after `deadlineMs`.
 * @example
 * const inDlq = await peekQueue(sqs, dlqUrl);
 */
export async function peekQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: DrainOptions = {},
): Promise<Message[]> {
  const messages = await receiveAll(sqs, queueUrl, options, PEEK_VISIBILITY_SECONDS);
  for (let start = 0; start < messages.length; start += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(start, start + 10).map((message, i) => ({
          Id: String(i),
          ReceiptHandle: message.ReceiptHandle ?? '',
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
  return messages;
}

async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  { deadlineMs = 30_000 }: DrainOptions,
  visibilityTimeout?: number,
  onPage?: (page: Message[]) => Promise<void>,
): Promise<Message[]> {
  const deadline = Date.now() + deadlineMs;
  const messages: Message[] = [];
  for (;;) {
    const { Messages: page = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        ...(visibilityTimeout === undefined ? {} : { VisibilityTimeout: visibilityTimeout }),
      }),
    );
    if (page.length === 0) return messages;
    messages.push(...page);
    await onPage?.(page);
    if (Date.now() > deadline)
      throw new Error(
        `${queueUrl} still had messages after ${deadlineMs} ms (${messages.length} received)`,
      );
  }
}
