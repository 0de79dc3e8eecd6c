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
    Body: `m${from + i}`,
    ReceiptHandle: `r${from + i}`,
  }));
}

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'us-east-1' });
beforeEach(() => sqs.reset());

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
});
