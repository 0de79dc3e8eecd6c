import type { Message } from '@aws-sdk/client-sqs';
import { sendEntriesFor, settleSendResults } from './dlq-batch-entries';

const message = (n: number, extra: Partial<Message> = {}): Message => ({
  MessageId: `id-${n}`,
  ReceiptHandle: `handle-${n}`,
  Body: `body ${n} with café + tea`,
  ...extra,
});

describe('sendEntriesFor', () => {
  it('given received messages, then each entry carries the same body under its batch index', () => {
    const entries = sendEntriesFor([message(0), message(1)]);

    expect(entries).toEqual([
      { Id: '0', MessageBody: 'body 0 with café + tea' },
      { Id: '1', MessageBody: 'body 1 with café + tea' },
    ]);
  });

  it('given message attributes with reserved list fields, then only the type and value are sent back', () => {
    const entries = sendEntriesFor([
      message(0, {
        MessageAttributes: {
          origin: { DataType: 'String', StringValue: 'bridge', StringListValues: [] },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2]) },
        },
      }),
    ]);

    expect(entries[0]?.MessageAttributes).toEqual({
      origin: { DataType: 'String', StringValue: 'bridge' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2]) },
    });
  });
});

describe('settleSendResults', () => {
  const batch = [message(0), message(1), message(2)];

  it('given a partial failure, then only the successful entries are to be deleted and the failed keep their reason', () => {
    const settled = settleSendResults(batch, {
      Successful: [
        { Id: '0', MessageId: 'new-0', MD5OfMessageBody: 'x' },
        { Id: '2', MessageId: 'new-2', MD5OfMessageBody: 'x' },
      ],
      Failed: [{ Id: '1', SenderFault: false, Code: 'InternalError', Message: 'try again' }],
    });

    expect(settled.deleteEntries).toEqual([
      { Id: '0', ReceiptHandle: 'handle-0' },
      { Id: '2', ReceiptHandle: 'handle-2' },
    ]);
    expect(settled.sent.map((m) => m.MessageId)).toEqual(['id-0', 'id-2']);
    expect(settled.unsent).toEqual([{ message: batch[1], reason: 'InternalError: try again' }]);
  });

  it('given a result that does not mention an entry, then that message is not confirmed and not deleted', () => {
    const settled = settleSendResults(batch, {
      Successful: [{ Id: '1', MessageId: 'n', MD5OfMessageBody: 'x' }],
      Failed: [],
    });

    expect(settled.deleteEntries).toEqual([{ Id: '1', ReceiptHandle: 'handle-1' }]);
    expect(settled.unsent.map((u) => [u.message.MessageId, u.reason])).toEqual([
      ['id-0', 'not confirmed by SendMessageBatch'],
      ['id-2', 'not confirmed by SendMessageBatch'],
    ]);
  });

  it('given an entry listed as both successful and failed, then it is treated as failed and kept', () => {
    const settled = settleSendResults([message(0)], {
      Successful: [{ Id: '0', MessageId: 'n', MD5OfMessageBody: 'x' }],
      Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidMessageContents' }],
    });

    expect(settled.deleteEntries).toEqual([]);
    expect(settled.unsent[0]?.reason).toBe('InvalidMessageContents: no reason given');
  });
});
