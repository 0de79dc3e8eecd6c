import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { MoveTask } from './dlq-move-task-state';
import { MoveTaskRunningError, cancelDlqRedrive, redriveDlq } from './dlq-move-task';

const DLQ_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/imgpipe-prod-resize-dlq';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/imgpipe-prod-resize-queue';
const DLQ_ARN = 'arn:aws:sqs:eu-west-1:123456789012:imgpipe-prod-resize-dlq';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:imgpipe-prod-resize-queue';
const noSleep = () => Promise.resolve();
const STARTED = Date.UTC(2026, 10, 27, 12);

describe('SQS redrive of a DLQ through a message move task', () => {
  const sqsMock = mockClient(SQSClient);
  const sqs = new SQSClient({ region: 'eu-west-1' });

  beforeEach(() => {
    sqsMock.reset();
    sqsMock
      .on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL })
      .resolves({ Attributes: { QueueArn: DLQ_ARN } })
      .on(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL })
      .resolves({ Attributes: { QueueArn: QUEUE_ARN } });
  });

  const running = (moved: number) => ({
    TaskHandle: 'handle-1',
    Status: 'RUNNING',
    SourceArn: DLQ_ARN,
    StartedTimestamp: STARTED,
    ApproximateNumberOfMessagesMoved: moved,
    ApproximateNumberOfMessagesToMove: 40,
  });

  it('given an idle DLQ, when redriven at 25/s, then the task goes from the DLQ ARN to the queue ARN at that rate and is followed until COMPLETED', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [] })
      .resolvesOnce({ Results: [running(0)] })
      .resolvesOnce({ Results: [running(25)] })
      .resolves({
        Results: [
          {
            Status: 'COMPLETED',
            SourceArn: DLQ_ARN,
            StartedTimestamp: STARTED,
            ApproximateNumberOfMessagesMoved: 40,
            ApproximateNumberOfMessagesToMove: 40,
          },
        ],
      });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
    const seen: MoveTask[] = [];

    const result = await redriveDlq(
      sqs,
      { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL },
      { ratePerSecond: 25, sleep: noSleep, onProgress: (task) => seen.push(task) },
    );

    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand).map((c) => c.args[0].input)).toEqual([
      { SourceArn: DLQ_ARN, DestinationArn: QUEUE_ARN, MaxNumberOfMessagesPerSecond: 25 },
    ]);
    expect(seen.map((task) => [task.status, task.moved, task.toMove])).toEqual([
      ['RUNNING', 0, 40],
      ['RUNNING', 25, 40],
      ['COMPLETED', 40, 40],
    ]);
    expect(result).toEqual({ task: seen[2], aborted: false });
  });

  it('given a task that fails, then the result carries FAILED and its FailureReason', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [] })
      .resolves({
        Results: [
          {
            Status: 'FAILED',
            SourceArn: DLQ_ARN,
            StartedTimestamp: STARTED,
            ApproximateNumberOfMessagesMoved: 3,
            FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
          },
        ],
      });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-2' });

    const { task } = await redriveDlq(
      sqs,
      { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL },
      { sleep: noSleep },
    );

    expect(task).toMatchObject({
      status: 'FAILED',
      moved: 3,
      failureReason: 'AWS.SimpleQueueService.NonExistentQueue',
    });
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      SourceArn: DLQ_ARN,
      DestinationArn: QUEUE_ARN,
    });
  });

  it('given an earlier completed task still listed first right after the start, then its end is not taken for the new task', async () => {
    const earlier = {
      Status: 'COMPLETED',
      SourceArn: DLQ_ARN,
      StartedTimestamp: STARTED - 3_600_000,
      ApproximateNumberOfMessagesMoved: 9,
    };
    const done = { ...earlier, StartedTimestamp: STARTED, ApproximateNumberOfMessagesMoved: 2 };
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [earlier] })
      .resolvesOnce({ Results: [earlier] })
      .resolves({ Results: [done, earlier] });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-3' });
    const seen: [string, number][] = [];

    const { task } = await redriveDlq(
      sqs,
      { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL },
      { sleep: noSleep, onProgress: (t) => seen.push([t.status, t.moved]) },
    );

    expect(seen).toEqual([
      ['RUNNING', 0],
      ['COMPLETED', 2],
    ]);
    expect(task.moved).toBe(2);
  });

  it('given a task already running from the DLQ, then no second one is started', async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [running(7)] });

    const redrive = redriveDlq(sqs, { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL });

    await expect(redrive).rejects.toBeInstanceOf(MoveTaskRunningError);
    await expect(redrive).rejects.toThrow(`from ${DLQ_ARN} is already running (7/40 moved)`);
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('given the signal aborted while following, then it stops polling and says the task may still run', async () => {
    const controller = new AbortController();
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [] })
      .resolves({ Results: [running(5)] });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });

    const result = await redriveDlq(
      sqs,
      { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL },
      { signal: controller.signal, sleep: async () => controller.abort() },
    );

    expect(result.aborted).toBe(true);
    expect(result.task).toMatchObject({ status: 'RUNNING', moved: 5 });
    expect(sqsMock.commandCalls(CancelMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('given StartMessageMoveTask denied, then the AccessDenied error reaches the caller', async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    sqsMock.on(StartMessageMoveTaskCommand).rejects(
      Object.assign(new Error('not authorized to perform: sqs:StartMessageMoveTask'), {
        name: 'AccessDenied',
      }),
    );

    await expect(
      redriveDlq(sqs, { dlqUrl: DLQ_URL, targetQueueUrl: QUEUE_URL }, { sleep: noSleep }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('given a running task, when cancelled, then CancelMessageMoveTask gets its handle', async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [running(12)] });
    sqsMock.on(CancelMessageMoveTaskCommand).resolves({ ApproximateNumberOfMessagesMoved: 14 });

    const cancelled = await cancelDlqRedrive(sqs, DLQ_URL);

    expect(sqsMock.commandCalls(ListMessageMoveTasksCommand)[0]?.args[0].input).toMatchObject({
      SourceArn: DLQ_ARN,
    });
    expect(sqsMock.commandCalls(CancelMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      TaskHandle: 'handle-1',
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLING', moved: 14, toMove: 40 });
  });

  it('given only ended tasks, when cancelled, then nothing is cancelled and it says so', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolves({ Results: [{ Status: 'COMPLETED', SourceArn: DLQ_ARN }] });

    const cancelled = await cancelDlqRedrive(sqs, DLQ_URL);

    expect(cancelled).toBeUndefined();
    expect(sqsMock.commandCalls(CancelMessageMoveTaskCommand)).toHaveLength(0);
  });
});
