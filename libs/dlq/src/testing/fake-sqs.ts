import type {
  ChangeMessageVisibilityBatchCommandInput,
  DeleteMessageBatchCommandInput,
  GetQueueAttributesCommandInput,
  MessageAttributeValue,
  ReceiveMessageCommandInput,
  SendMessageBatchCommandInput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClientStub } from 'aws-sdk-client-mock';

interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue> | undefined;
  receives: number;
  receipt: string | undefined;
  /** The receive (by number) from which on it is visible again. */
  visibleFrom: number;
}

/** In-memory SQS queues behind an `aws-sdk-client-mock` stub, with time counted in receives. */
export interface FakeSqs {
  /** Puts a message in a queue; `hiddenForReceives` plays another consumer holding it. */
  add(queueUrl: string, body: string, options?: { readonly hiddenForReceives?: number }): void;
  /** The bodies a queue holds, visible or not, in the order they were added. */
  bodies(queueUrl: string): string[];
  /** How many of a queue's messages are hidden now. */
  hiddenCount(queueUrl: string): number;
  /** Every ReceiveMessage so far, on any queue. */
  receives(): number;
}

/**
 * Plays SQS for `stub`: receive (oldest visible first, hiding each message for
 * `reappearAfterReceives` further receives, as a visibility timeout would), send and delete in
 * batches, visibility changes and message counts. A delete or visibility change needs the
 * message's latest receipt handle, as on SQS. No clock: a test never waits for a timeout.
 *
 * @example
 * const sqs = fakeSqs(mockClient(SQSClient), { reappearAfterReceives: 3 });
 * sqs.add(DLQ, body);
 */
export function fakeSqs(
  stub: AwsClientStub<SQSClient>,
  options: { readonly reappearAfterReceives: number },
): FakeSqs {
  const queues = new Map<string, StoredMessage[]>();
  let receiveCount = 0;
  let nextId = 0;
  const queue = (url: string | undefined) => {
    const found = queues.get(url ?? '') ?? [];
    queues.set(url ?? '', found);
    return found;
  };
  const isVisible = (message: StoredMessage) => message.visibleFrom <= receiveCount + 1;
  const add: FakeSqs['add'] = (queueUrl, body, addOptions = {}) => {
    nextId += 1;
    queue(queueUrl).push({
      id: `m${nextId}`,
      body,
      attributes: undefined,
      receives: 0,
      receipt: undefined,
      visibleFrom: receiveCount + 1 + (addOptions.hiddenForReceives ?? 0),
    });
  };
  const byReceipt = (url: string | undefined, receipt: string | undefined) =>
    queue(url).find((message) => receipt !== undefined && message.receipt === receipt);

  stub.on(ReceiveMessageCommand).callsFake((input: ReceiveMessageCommandInput) => {
    const picked = queue(input.QueueUrl)
      .filter(isVisible)
      .slice(0, input.MaxNumberOfMessages ?? 1);
    receiveCount += 1;
    for (const message of picked) {
      message.receives += 1;
      message.receipt = `${message.id}#${message.receives}`;
      message.visibleFrom = receiveCount + 1 + options.reappearAfterReceives;
    }
    return {
      Messages: picked.map((message) => ({
        MessageId: message.id,
        ReceiptHandle: message.receipt,
        Body: message.body,
        Attributes: { ApproximateReceiveCount: String(message.receives) },
        ...(message.attributes ? { MessageAttributes: message.attributes } : {}),
      })),
    };
  });
  stub.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
    for (const entry of input.Entries ?? []) add(input.QueueUrl ?? '', entry.MessageBody ?? '');
    return {
      Successful: (input.Entries ?? []).map((entry) => ({
        Id: entry.Id,
        MessageId: 'sent',
        MD5OfMessageBody: 'x',
      })),
      Failed: [],
    };
  });
  stub.on(DeleteMessageBatchCommand).callsFake((input: DeleteMessageBatchCommandInput) => {
    const results = (input.Entries ?? []).map((entry) => {
      const message = byReceipt(input.QueueUrl, entry.ReceiptHandle);
      if (message === undefined) return { id: entry.Id ?? '', ok: false };
      const list = queue(input.QueueUrl);
      list.splice(list.indexOf(message), 1);
      return { id: entry.Id ?? '', ok: true };
    });
    return settle(results);
  });
  stub
    .on(ChangeMessageVisibilityBatchCommand)
    .callsFake((input: ChangeMessageVisibilityBatchCommandInput) => {
      const results = (input.Entries ?? []).map((entry) => {
        const message = byReceipt(input.QueueUrl, entry.ReceiptHandle);
        if (message === undefined) return { id: entry.Id ?? '', ok: false };
        // Seconds count as receives here: 0 means visible to the very next receive.
        message.visibleFrom = receiveCount + 1 + (entry.VisibilityTimeout ?? 0);
        return { id: entry.Id ?? '', ok: true };
      });
      return settle(results);
    });
  stub.on(GetQueueAttributesCommand).callsFake((input: GetQueueAttributesCommandInput) => {
    const messages = queue(input.QueueUrl);
    const visible = messages.filter(isVisible).length;
    return {
      Attributes: {
        ApproximateNumberOfMessages: String(visible),
        ApproximateNumberOfMessagesNotVisible: String(messages.length - visible),
      },
    };
  });
  return {
    add,
    bodies: (queueUrl) => queue(queueUrl).map((message) => message.body),
    hiddenCount: (queueUrl) => queue(queueUrl).filter((message) => !isVisible(message)).length,
    receives: () => receiveCount,
  };
}

function settle(results: readonly { readonly id: string; readonly ok: boolean }[]) {
  return {
    Successful: results.filter((result) => result.ok).map((result) => ({ Id: result.id })),
    Failed: results
      .filter((result) => !result.ok)
      .map((result) => ({ Id: result.id, SenderFault: true, Code: 'ReceiptHandleIsInvalid' })),
  };
}
