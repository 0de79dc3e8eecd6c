import { tmpdir } from 'node:os';
import type { GetParametersCommandInput } from '@aws-sdk/client-ssm';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from './main';
import { captureIo } from './test-io';

// `dlq replay` and `dlq cancel` against AWS with the SDK mocked: SSM names the queues, SQS
// runs the move task. No account is reachable here; the local stack lacks move tasks.
const ACCOUNT = 'https://sqs.eu-west-1.amazonaws.com/123456789012';
const ARN = 'arn:aws:sqs:eu-west-1:123456789012';
const AWS = ['--region', 'eu-west-1', '--stage', 'prod'];

describe('imgpipe dlq replay and cancel on AWS (SQS move tasks, SDK mocked)', () => {
  const ssmMock = mockClient(SSMClient);
  const sqsMock = mockClient(SQSClient);

  beforeEach(() => {
    ssmMock.reset();
    sqsMock.reset();
    // Every parameter exists: queue URLs named after the parameter's service folder.
    ssmMock.on(GetParametersCommand).callsFake((input: GetParametersCommandInput) => ({
      Parameters: (input.Names ?? []).map((name) => {
        const [, service, kind] = /\/([a-z]+)-service\/(queue|dlq)-url$/.exec(name) ?? [];
        return {
          Name: name,
          Value: service ? `${ACCOUNT}/imgpipe-prod-${service}-${kind}` : `value-of-${name}`,
        };
      }),
    }));
    sqsMock.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl?: string }) => ({
      Attributes: { QueueArn: (input.QueueUrl ?? '').replace(ACCOUNT, ARN).replace(/\//g, ':') },
    }));
  });

  async function run(argv: string[]) {
    const io = captureIo({ cwd: tmpdir(), env: { AWS_REGION: 'eu-west-1' } });
    const code = await main(argv, { ...io, sleep: () => Promise.resolve() });
    return { code, out: io.stdoutText(), err: io.stderrText() };
  }

  // Started now unless told: a task listed before the replay starts one says when it started.
  const task = (status: string, moved: number, extra: Record<string, unknown> = {}) => ({
    Status: status,
    SourceArn: `${ARN}:imgpipe-prod-resize-dlq`,
    StartedTimestamp: Date.UTC(2026, 10, 27, 12),
    ApproximateNumberOfMessagesMoved: moved,
    ApproximateNumberOfMessagesToMove: 30,
    ...extra,
  });

  it('given a whole DLQ, when replayed with --rate, then SQS moves it from the DLQ ARN to the queue ARN and the progress reaches 30/30', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({
        Results: [task('COMPLETED', 4, { StartedTimestamp: Date.UTC(2026, 10, 26) })],
      })
      .resolvesOnce({ Results: [task('RUNNING', 10, { TaskHandle: 'h1' })] })
      .resolves({ Results: [task('COMPLETED', 30)] });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h1' });

    const { code, out, err } = await run(['dlq', 'replay', 'resize', '--rate', '40', ...AWS]);

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand).map((c) => c.args[0].input)).toEqual([
      {
        SourceArn: `${ARN}:imgpipe-prod-resize-dlq`,
        DestinationArn: `${ARN}:imgpipe-prod-resize-queue`,
        MaxNumberOfMessagesPerSecond: 40,
      },
    ]);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe("replaying on AWS eu-west-1 (stage prod) (SQS's move task)");
    expect(lines[1]).toMatch(/^Moving resize \[█*░+\] 10\/30 messages {2}\d+s$/);
    expect(lines[2]).toMatch(/^Moving resize \[█+\] 30\/30 messages {2}\d+s$/);
    expect(lines[3]).toBe('resize: move task COMPLETED, 30 of 30 moved');
  });

  it('given --json, then the final task is one JSON object and no progress is printed', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [] })
      .resolves({ Results: [task('COMPLETED', 30)] });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h1' });

    const { code, out } = await run(['dlq', 'replay', 'resize', '--json', ...AWS]);

    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      service: 'resize',
      method: 'move-task',
      aborted: false,
      task: {
        status: 'COMPLETED',
        sourceArn: `${ARN}:imgpipe-prod-resize-dlq`,
        moved: 30,
        toMove: 30,
        startedAt: '2026-11-27T12:00:00.000Z',
      },
    });
  });

  it('given a task that fails, then exit 1 with the task FailureReason', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [] })
      .resolves({
        Results: [task('FAILED', 7, { FailureReason: 'AWS.SimpleQueueService.NonExistentQueue' })],
      });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h1' });

    const { code, out, err } = await run(['dlq', 'replay', 'resize', ...AWS]);

    expect(code).toBe(1);
    expect(out).toContain(
      'resize: move task FAILED, 7 of 30 moved: AWS.SimpleQueueService.NonExistentQueue\n',
    );
    expect(err).toBe(
      'the resize move task ended FAILED: AWS.SimpleQueueService.NonExistentQueue; what it did not move is still in the DLQ\n',
    );
  });

  it('given StartMessageMoveTask denied, then exit 1 naming the actions and the operator policy', async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    sqsMock.on(StartMessageMoveTaskCommand).rejects(
      Object.assign(new Error('User: arn:aws:iam::123456789012:user/ops is not authorized'), {
        name: 'AccessDenied',
      }),
    );

    const { code, err } = await run(['dlq', 'replay', 'resize', ...AWS]);

    expect(code).toBe(1);
    expect(err).toContain(
      "resize: redrive by SQS's move task failed: AccessDenied: User: arn:aws:iam::123456789012:user/ops is not authorized",
    );
    expect(err).toContain('sqs:StartMessageMoveTask');
    expect(err).toContain('the imgpipe-prod-operator policy grants them');
  });

  it('given a task already running, then replay starts none and says how to cancel it', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolves({ Results: [task('RUNNING', 12, { TaskHandle: 'h0' })] });

    const { code, err } = await run(['dlq', 'replay', 'resize', ...AWS]);

    expect(code).toBe(1);
    expect(err).toContain('is already running (12/30 moved)');
    expect(err).toContain('`imgpipe dlq cancel resize`');
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('given --key or --dry-run on AWS, then it replays by hand; --max without them is a usage error', async () => {
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });
    sqsMock.on(GetQueueAttributesCommand).resolves({
      Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
    });

    const keyed = await run(['dlq', 'replay', 'resize', '--key', 'albums/', ...AWS]);
    const max = await run(['dlq', 'replay', 'resize', '--max', '5', ...AWS]);

    expect(keyed.code).toBe(0);
    expect(keyed.out).toContain('resize: 0 moved, 0 skipped, 0 failed to send, 0 left in the DLQ');
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
    expect(max.code).toBe(2);
    expect(max.err).toContain(
      '--max applies to a replay by hand (--key, --dry-run, the local stack)',
    );
  });

  it('given a running task, when cancelled, then CancelMessageMoveTask gets its handle and exit 0', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .resolves({ Results: [task('RUNNING', 12, { TaskHandle: 'h7' })] });
    sqsMock.on(CancelMessageMoveTaskCommand).resolves({ ApproximateNumberOfMessagesMoved: 13 });

    const { code, out } = await run(['dlq', 'cancel', 'resize', ...AWS]);

    expect(code).toBe(0);
    expect(sqsMock.commandCalls(CancelMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      TaskHandle: 'h7',
    });
    expect(out).toBe(
      'resize: move task cancelled after 13 of 30 moved; the rest stays in the DLQ\n',
    );
  });

  it('given no running task, when cancelled, then exit 3 saying there is nothing to cancel', async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [task('COMPLETED', 30)] });

    const { code, out } = await run(['dlq', 'cancel', 'resize', '--json', ...AWS]);

    expect(code).toBe(3);
    expect(JSON.parse(out)).toEqual({ service: 'resize', cancelled: false });
    expect(sqsMock.commandCalls(CancelMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('given cancel denied, then exit 1 with the AccessDenied message and the policy', async () => {
    sqsMock
      .on(ListMessageMoveTasksCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));

    const { code, err } = await run(['dlq', 'cancel', 'resize', ...AWS]);

    expect(code).toBe(1);
    expect(err).toContain('resize: cancelling the move task failed: AccessDenied: not authorized');
    expect(err).toContain('imgpipe-prod-operator');
  });
});
