import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SUMMARY_ATTRIBUTES } from './dlq-messages';

/** SQS's batch limit for receive, send, delete and visibility changes. */
const BATCH = 10;

/** A received message; SQS always gives both, the type says so once. */
export type ReceivedWithIds = Message & {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
};

/**
 * One page of up to `wanted` (at most 10) messages with the attributes a summary and a
 * replay need, hidden for `visibilityTimeout` seconds. Internal to the DLQ tools.
 *
 * @example
 * const page = await receive(sqs, dlqUrl, 10, 30);
 */
export async function receive(
  sqs: SQSClient,
  queueUrl: string,
  wanted: number,
  visibilityTimeout: number,
  waitSeconds = 1,
): Promise<ReceivedWithIds[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: Math.min(BATCH, wanted),
      VisibilityTimeout: visibilityTimeout,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: [...SUMMARY_ATTRIBUTES],
      MessageAttributeNames: ['All'],
    }),
  );
  return (out.Messages ?? []).filter(
    (message): message is ReceivedWithIds =>
      message.MessageId !== undefined && message.ReceiptHandle !== undefined,
  );
}

/**
 * Makes received messages visible again at once, ten per call. Internal to the DLQ tools.
 *
 * @example
 * await makeVisible(sqs, dlqUrl, page.map((message) => message.ReceiptHandle));
 */
export async function makeVisible(
  sqs: SQSClient,
  queueUrl: string,
  receiptHandles: readonly string[],
): Promise<void> {
  for (let start = 0; start < receiptHandles.length; start += BATCH) {
    const entries = receiptHandles
      .slice(start, start + BATCH)
      .map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle, VisibilityTimeout: 0 }));
    try {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
    } catch {
      // Not worth failing for: the messages reappear by themselves when the timeout ends.
    }
  }
}
