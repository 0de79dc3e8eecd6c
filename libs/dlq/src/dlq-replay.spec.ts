import type { Message } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReplayProgress } from './dlq-replay';
import { listDlq, replayDlq } from './dlq-replay';

const DLQ = 'http://sqs.local/000000000000/imgpipe-resize-dlq';
const SOURCE = 'http://sqs.local/000000000000/imgpipe-resize-queue';
const KEYS = ['a.jpg', 'photos/b c.jpg', 'café+tea.png'];

function dlqMessage(n: number, receipt = `handle-${n}`): Message {
  return {
    MessageId: `id-${n}`,
    ReceiptHandle: receipt,
    Body: buildSqsBodyForObject({ bucket: 'src', key: KEYS[n] ?? `k${n}.jpg`, sequencer: '0A' }),
    Attributes: { ApproximateReceiveCount: '5' },
  };
}

describe('DLQ replay against a mocked SQS', () => {
  const sqsMock = mockClient(SQSClient);
  const sqs = new SQSClient({ region: 'us-east-1' });
  const batch = [dlqMessage(0), dlqMessage(1), dlqMessage(2)];
  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: batch }).resolves({});
    sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    dlqHolds(0);
  });
  // What GetQueueAttributes says the DLQ still holds once the batch is dealt with.
  const dlqHolds = (messages: number) =>
    sqsMock.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: String(messages),
      },
    });
  const deletedHandles = () =>
    sqsMock
      .commandCalls(DeleteMessageBatchCommand)
      .flatMap((call) => call.args[0].input.Entries?.map((e) => e.ReceiptHandle));
  const madeVisible = () =>
    sqsMock
      .commandCalls(ChangeMessageVisibilityBatchCommand)
      .flatMap((call) => call.args[0].input.Entries?.map((e) => e.ReceiptHandle));

  it('given SendMessageBatch fails one entry, then only the sent ones are deleted and the failed one is made visible again', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [
        { Id: '0', MessageId: 'n0', MD5OfMessageBody: 'x' },
        { Id: '2', MessageId: 'n2', MD5OfMessageBody: 'x' },
      ],
      Failed: [{ Id: '1', SenderFault: false, Code: 'InternalError', Message: 'try again' }],
    });
    sqsMock
      .on(DeleteMessageBatchCommand)
      .resolves({ Successful: [{ Id: '0' }, { Id: '2' }], Failed: [] });
    dlqHolds(1);
    const progress: ReplayProgress[] = [];

    const result = await replayDlq(
      sqs,
      { dlqUrl: DLQ, targetQueueUrl: SOURCE },
      { max: 10, onProgress: (p) => progress.push(p) },
    );

    expect(result).toEqual({ moved: 2, skipped: 0, failed: 1, notDeleted: 0, left: 1 });
    const sent = sqsMock.commandCalls(SendMessageBatchCommand)[0]?.args[0].input;
    expect(sent?.QueueUrl).toBe(SOURCE);
    expect(sent?.Entries?.map((e) => e.MessageBody)).toEqual(batch.map((m) => m.Body));
    expect(deletedHandles()).toEqual(['handle-0', 'handle-2']);
    expect(madeVisible()).toEqual(['handle-1']);
    expect(progress.map((p) => [p.outcome, p.summary.keys[0], p.reason])).toEqual([
      ['failed', 'photos/b c.jpg', 'InternalError: try again'],
      ['replayed', 'a.jpg', undefined],
      ['replayed', 'café+tea.png', undefined],
    ]);
  });

  it('given SendMessageBatch throws, then nothing is deleted, all stay in the DLQ and the error is returned', async () => {
    const outage = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    sqsMock.on(SendMessageBatchCommand).rejects(outage);
    dlqHolds(3);

    const result = await replayDlq(sqs, { dlqUrl: DLQ, targetQueueUrl: SOURCE }, { max: 10 });

    expect(result).toEqual({
      moved: 0,
      skipped: 0,
      failed: 3,
      notDeleted: 0,
      left: 3,
      error: outage,
    });
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
    expect(madeVisible()).toEqual(['handle-0', 'handle-1', 'handle-2']);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
  });

  it('given a delete that fails after a confirmed send, then the message counts as not deleted, not moved, and as left', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: batch.map((_, i) => ({
        Id: String(i),
        MessageId: `n${i}`,
        MD5OfMessageBody: 'x',
      })),
    });
    sqsMock.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }, { Id: '1' }],
      Failed: [
        { Id: '2', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'handle expired' },
      ],
    });
    dlqHolds(1);
    const progress: ReplayProgress[] = [];

    const result = await replayDlq(
      sqs,
      { dlqUrl: DLQ, targetQueueUrl: SOURCE },
      { max: 10, onProgress: (p) => progress.push(p) },
    );

    expect(result).toEqual({ moved: 2, skipped: 0, failed: 0, notDeleted: 1, left: 1 });
    expect(
      progress
        .filter((p) => p.outcome === 'not-deleted')
        .map((p) => [p.summary.messageId, p.reason]),
    ).toEqual([['id-2', 'handle expired']]);
  });

  it('given a filter, then skipped messages are not sent and are made visible again', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [{ Id: '0', MessageId: 'n', MD5OfMessageBody: 'x' }] });
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: '0' }] });
    dlqHolds(2);

    const result = await replayDlq(
      sqs,
      { dlqUrl: DLQ, targetQueueUrl: SOURCE },
      { max: 10, filter: (summary) => summary.keys.some((key) => key.startsWith('photos/')) },
    );

    expect(result).toEqual({ moved: 1, skipped: 2, failed: 0, notDeleted: 0, left: 0 });
    expect(
      sqsMock
        .commandCalls(SendMessageBatchCommand)[0]
        ?.args[0].input.Entries?.map((e) => e.MessageBody),
    ).toEqual([batch[1]?.Body]);
    expect(deletedHandles()).toEqual(['handle-1']);
    expect(madeVisible()).toEqual(['handle-0', 'handle-2']);
  });

  it('given a dry run, then nothing is sent or deleted, every message is left and made visible again', async () => {
    dlqHolds(3);

    const result = await replayDlq(
      sqs,
      { dlqUrl: DLQ, targetQueueUrl: SOURCE },
      { max: 10, dryRun: true },
    );

    expect(result).toEqual({ moved: 3, skipped: 0, failed: 0, notDeleted: 0, left: 3 });
    expect(sqsMock.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
    expect(madeVisible()).toEqual(['handle-0', 'handle-1', 'handle-2']);
  });

  it('given max 2, then only two messages are received', async () => {
    await replayDlq(sqs, { dlqUrl: DLQ, targetQueueUrl: SOURCE }, { max: 2, dryRun: true });

    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.MaxNumberOfMessages).toBe(
      2,
    );
  });

  it('given the same message delivered twice while listing, then it is listed once and made visible by its latest handle', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [dlqMessage(0), dlqMessage(1)] })
      .resolvesOnce({ Messages: [dlqMessage(1, 'handle-1-again'), dlqMessage(2)] })
      .resolves({});

    const listed = await listDlq(sqs, DLQ, { max: 10 });

    expect(listed.map((s) => s.keys)).toEqual([['a.jpg'], ['photos/b c.jpg'], ['café+tea.png']]);
    expect(madeVisible()).toEqual(['handle-0', 'handle-1-again', 'handle-2']);
    expect(
      sqsMock.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input.VisibilityTimeout),
    ).toEqual([30, 30, 30]);
  });

  it('given a receive that fails mid-listing, then what was received is made visible before the error surfaces', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [dlqMessage(0)] })
      .rejects(new Error('AccessDenied'));

    await expect(listDlq(sqs, DLQ, { max: 10 })).rejects.toThrow('AccessDenied');
    expect(madeVisible()).toEqual(['handle-0']);
  });
});
