import type {
  DeleteMessageBatchRequestEntry,
  Message,
  MessageAttributeValue,
  SendMessageBatchRequestEntry,
  SendMessageBatchResult,
} from '@aws-sdk/client-sqs';

/** A received message whose send was not confirmed, with the reason SQS gave. */
export interface UnsentMessage<M extends Message = Message> {
  readonly message: M;
  readonly reason: string;
}

/** What one SendMessageBatch settled: which messages may leave the DLQ, which must stay. */
export interface SettledSend<M extends Message = Message> {
  /** One entry per confirmed send, for DeleteMessageBatch on the DLQ. */
  readonly deleteEntries: readonly DeleteMessageBatchRequestEntry[];
  /** The confirmed sends, in the order of `deleteEntries`. */
  readonly sent: readonly M[];
  readonly unsent: readonly UnsentMessage<M>[];
}

/**
 * The SendMessageBatch entries that put `messages` back on their source queue: the same
 * bodies and message attributes, each entry's Id being the message's index in the batch.
 *
 * @example
 * await sqs.send(new SendMessageBatchCommand({ QueueUrl: source, Entries: sendEntriesFor(batch) }));
 */
export function sendEntriesFor(messages: readonly Message[]): SendMessageBatchRequestEntry[] {
  return messages.map((message, index) => {
    const attributes = copyAttributes(message.MessageAttributes);
    return {
      Id: String(index),
      MessageBody: message.Body ?? '',
      ...(attributes ? { MessageAttributes: attributes } : {}),
    };
  });
}

/**
 * Maps a SendMessageBatch result (for entries made by {@link sendEntriesFor}) to what may be
 * deleted from the DLQ. Only entries SQS lists as successful are deleted; a failed entry, and
 * one the result does not mention at all, is not confirmed sent and stays in the DLQ.
 *
 * @example
 * const { deleteEntries, unsent } = settleSendResults(batch, await sqs.send(sendCommand));
 * if (deleteEntries.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlq, Entries: [...deleteEntries] }));
 */
export function settleSendResults<M extends Message>(
  messages: readonly M[],
  result: Partial<SendMessageBatchResult>,
): SettledSend<M> {
  const succeeded = new Set((result.Successful ?? []).map((entry) => entry.Id));
  const failures = new Map(
    (result.Failed ?? []).map((entry) => [
      entry.Id,
      `${entry.Code ?? 'Failed'}: ${entry.Message ?? 'no reason given'}`,
    ]),
  );
  const deleteEntries: DeleteMessageBatchRequestEntry[] = [];
  const sent: M[] = [];
  const unsent: UnsentMessage<M>[] = [];
  messages.forEach((message, index) => {
    const id = String(index);
    if (succeeded.has(id) && !failures.has(id)) {
      deleteEntries.push({ Id: id, ReceiptHandle: message.ReceiptHandle ?? '' });
      sent.push(message);
    } else {
      unsent.push({ message, reason: failures.get(id) ?? 'not confirmed by SendMessageBatch' });
    }
  });
  return { deleteEntries, sent, unsent };
}

// A received attribute may carry list fields SQS reserves and rejects on send: copy only
// the value and its type.
function copyAttributes(
  attributes: Message['MessageAttributes'],
): Record<string, MessageAttributeValue> | undefined {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { BinaryValue: value.BinaryValue } : {}),
      },
    ]),
  );
}
