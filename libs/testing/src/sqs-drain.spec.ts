import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { drainQueue, peekQueue } from './sqs-drain';

const QUEUE = 'http://127.0.0.1:4566/000000000000/q';

function messages(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    MessageId: `id${from + i}`,
    Body: `m${from + i}`,
    ReceiptHandle: `r${from + i}`,
  }));
}

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'us-east-1' });
beforeEach(() => {
  sqs.reset();
  // Batch calls answer with their Successful and Failed lists, empty unless a test says otherwise.
  sqs.on(DeleteMessageBatchCommand).resolves({});
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({});
});

describe('drainQueue', () => {
  it('given two pages then an empty receive, then every message is returned and each page deleted', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 10) })
      .resolvesOnce({ Messages: messages(10, 2) })
      .resolves({});

    const drained = await drainQueue(client, QUEUE);

    expect(drained.map((m) => m.Body)).toEqual(messages(0, 12).map((m) => m.Body));
    expect(
      sqs
        .commandCalls(DeleteMessageBatchCommand)
        .map((call) => call.args[0].input.Entries?.map((e) => e.ReceiptHandle)),
    ).toEqual([messages(0, 10).map((m) => m.ReceiptHandle), ['r10', 'r11']]);
  });

  it('given a queue that never empties, then it fails once the deadline has passed', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: messages(0, 1) });

    await expect(drainQueue(client, QUEUE, { deadlineMs: 20 })).rejects.toThrow(
      `${QUEUE} still had messages after 20 ms`,
    );
  });

  it('given a delete that fails for one entry, then it fails naming that message', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 2) })
      .resolves({});
    sqs.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }],
      Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
    });

    await expect(drainQueue(client, QUEUE)).rejects.toThrow(
      `${QUEUE}: could not delete 1 of 2 messages (id1: ReceiptHandleIsInvalid)`,
    );
  });
});

describe('peekQueue', () => {
  it('given a page of messages, then they are returned and made visible again, none deleted', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 3) })
      .resolves({});

    const peeked = await peekQueue(client, QUEUE);

    expect(peeked.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2']);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.VisibilityTimeout).toBe(60);
    expect(
      sqs
        .commandCalls(ChangeMessageVisibilityBatchCommand)
        .flatMap((call) => call.args[0].input.Entries ?? []),
    ).toEqual(
      ['r0', 'r1', 'r2'].map((ReceiptHandle, i) => ({
        Id: String(i),
        ReceiptHandle,
        VisibilityTimeout: 0,
      })),
    );
    expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  });

  it('given a queue that never empties, then what it received is made visible again before it fails', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: messages(0, 1) });

    await expect(peekQueue(client, QUEUE, { deadlineMs: 20 })).rejects.toThrow(
      `${QUEUE} still had messages after 20 ms`,
    );

    const restored = sqs
      .commandCalls(ChangeMessageVisibilityBatchCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    const received = sqs.commandCalls(ReceiveMessageCommand).length;
    expect(restored).toHaveLength(received);
    expect(restored.every((entry) => entry.VisibilityTimeout === 0)).toBe(true);
  });

  it('given a queue that never empties and a restore that fails, then both failures are told, the peek’s first', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: messages(0, 1) });
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
    });

    await expect(peekQueue(client, QUEUE, { deadlineMs: 20 })).rejects.toThrow(
      new RegExp(
        `^${QUEUE} still had messages after 20 ms .*; then ${QUEUE}: could not make visible again`,
      ),
    );
  });

  it('given a visibility change that fails for one entry, then it fails naming that message', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 2) })
      .resolves({});
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({
      Successful: [{ Id: '1' }],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
    });

    await expect(peekQueue(client, QUEUE)).rejects.toThrow(
      `${QUEUE}: could not make visible again 1 of 2 messages (id0: InternalError)`,
    );
  });
});
