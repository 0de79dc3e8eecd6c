import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
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

/** Every message a queue holds, as SQS counts them (approximate on AWS, exact locally). */
export interface QueueCounts {
  /** Ready to be received now. */
  readonly visible: number;
  /** Received by someone and hidden until their visibility timeout ends; still in the queue. */
  readonly hidden: number;
}

/**
 * How many messages the queue holds, visible and hidden. Internal to the DLQ tools.
 *
 * @throws when SQS does not answer with both counts, so a caller never mistakes "unknown" for 0.
 * @example
 * const { visible, hidden } = await queueCounts(sqs, dlqUrl);
 */
export async function queueCounts(sqs: SQSClient, queueUrl: string): Promise<QueueCounts> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const visible = Number(out.Attributes?.ApproximateNumberOfMessages);
  const hidden = Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible);
  if (!Number.isInteger(visible) || !Number.isInteger(hidden))
    throw new Error(`GetQueueAttributes gave no message counts for ${queueUrl}`);
  return { visible, hidden };
}
