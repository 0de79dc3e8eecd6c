import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Message } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { waitFor } from '@imgpipe/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { ImageOutcome } from './outcome';
import { ServiceRunner } from './service-runner';

const queue = {
  name: 'imgpipe-metadata',
  url: 'http://127.0.0.1:1/000000000000/imgpipe-metadata',
  arn: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-metadata',
  dlqName: 'imgpipe-metadata-dlq',
  dlqUrl: 'http://127.0.0.1:1/000000000000/imgpipe-metadata-dlq',
  dlqArn: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-metadata-dlq',
};

function message(id: string, key: string, receives = '1'): Message {
  return {
    MessageId: id,
    ReceiptHandle: `receipt-${id}`,
    Body: buildSqsBodyForObject({ bucket: 'imgpipe-source', key, sequencer: '01' }),
    MD5OfBody: 'md5',
    Attributes: { ApproximateReceiveCount: receives },
  };
}

/** A runner over mocked SQS and DynamoDB that receives `batch` once, then empty polls. */
function runnerFor(
  batch: Message[],
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>,
  items: Record<string, object> = {},
  warn: (line: string) => void = (line) => {
    throw new Error(`unexpected warning: ${line}`);
  },
) {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const sqsMock = mockClient(sqs);
  const dbMock = mockClient(db);
  // Empty polls take a moment, as a long poll does, so the loop never spins.
  const emptyPoll = () => new Promise((resolve) => setTimeout(() => resolve({ Messages: [] }), 10));
  sqsMock
    .on(ReceiveMessageCommand)
    .callsFakeOnce(async () => ({ Messages: batch }))
    .callsFake(emptyPoll);
  sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  dbMock
    .on(GetCommand)
    .callsFake(async (input: { Key: { imageId: string } }) => ({ Item: items[input.Key.imageId] }));
  const outcomes: ImageOutcome[] = [];
  const runner = new ServiceRunner({
    service: 'metadata',
    handler,
    sqs,
    db,
    queue,
    table: 'imgpipe-images',
    region: 'us-east-1',
    batchSize: 10,
    waitTimeSeconds: 1,
    maxReceiveCount: 3,
    timeoutMs: 5000,
    report: (outcome) => outcomes.push(outcome),
    warn,
  });
  return { runner, sqsMock, outcomes };
}

describe('ServiceRunner', () => {
  it('given a batch with one reported failure, when handled, then the others are deleted and each image gets its outcome', async () => {
    const received: SQSEvent[] = [];
    const { runner, sqsMock, outcomes } = runnerFor(
      [message('m1', 'a b.jpg'), message('m2', 'bad.jpg', '3'), message('m3', 'doc.jpg')],
      async (event) => {
        received.push(event);
        return { batchItemFailures: [{ itemIdentifier: 'm2' }] };
      },
      {
        'a b.jpg': { image: { status: 'done', format: 'jpeg', width: 4, height: 3 } },
        'doc.jpg': { image: { status: 'rejected', reason: 'not an image' } },
      },
    );

    runner.start();
    await waitFor(() => outcomes.length === 3, { timeoutMs: 5000, what: 'three outcomes' });
    await runner.stop();

    expect(received[0]?.Records.map((record) => [record.messageId, record.eventSourceARN])).toEqual(
      [
        ['m1', queue.arn],
        ['m2', queue.arn],
        ['m3', queue.arn],
      ],
    );
    const deletes = sqsMock
      .commandCalls(DeleteMessageBatchCommand)
      .map((call) => call.args[0].input);
    expect(deletes).toEqual([
      {
        QueueUrl: queue.url,
        Entries: [
          { Id: '0', ReceiptHandle: 'receipt-m1' },
          { Id: '1', ReceiptHandle: 'receipt-m3' },
        ],
      },
    ]);
    expect(outcomes).toEqual([
      {
        kind: 'retry',
        service: 'metadata',
        key: 'bad.jpg',
        error: 'reported in batchItemFailures (receive 3 of 3, next: DLQ)',
      },
      { kind: 'done', service: 'metadata', key: 'a b.jpg', fact: 'jpeg 4×3' },
      { kind: 'rejected', service: 'metadata', key: 'doc.jpg', reason: 'not an image' },
    ]);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toMatchObject({
      QueueUrl: queue.url,
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['All'],
    });
  });

  it('given a handler that throws, when handled, then nothing is deleted and every image will be retried', async () => {
    const { runner, sqsMock, outcomes } = runnerFor(
      [message('m1', 'a.jpg'), message('m2', 'b.jpg')],
      async () => {
        throw new Error('DynamoDB throttled');
      },
    );

    runner.start();
    await waitFor(() => outcomes.length === 2, { timeoutMs: 5000, what: 'two outcomes' });
    await runner.stop();

    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
    expect(outcomes.map((outcome) => [outcome.kind, outcome.key])).toEqual([
      ['retry', 'a.jpg'],
      ['retry', 'b.jpg'],
    ]);
    expect(outcomes[0]).toMatchObject({
      error: expect.stringContaining('DynamoDB throttled (receive 1 of 3'),
    });
  });

  it('given SQS failing to delete one processed message, when handled, then it warns that the message will be delivered again', async () => {
    const warnings: string[] = [];
    const { runner, sqsMock, outcomes } = runnerFor(
      [message('m1', 'a.jpg'), message('m2', 'b.jpg')],
      async () => ({ batchItemFailures: [] }),
      {},
      (line) => warnings.push(line),
    );
    sqsMock.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }],
      Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
    });

    runner.start();
    await waitFor(() => outcomes.length === 2, { timeoutMs: 5000, what: 'two outcomes' });
    await runner.stop();

    expect(warnings).toEqual([
      'metadata: SQS did not delete 1 of 2 processed messages (m2: ReceiptHandleIsInvalid); each will be delivered again',
    ]);
  });

  it('counts empty polls and reports no batch in hand once idle', async () => {
    const { runner } = runnerFor([], async () => undefined);

    runner.start();
    await waitFor(() => runner.emptyPolls >= 2, { timeoutMs: 5000, what: 'two empty polls' });
    await runner.stop();

    expect(runner.busy).toBe(false);
  });
});
