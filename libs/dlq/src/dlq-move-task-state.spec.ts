import {
  isMoveTaskFinished,
  moveTaskOf,
  runningMoveTask,
  taskStartedAs,
} from './dlq-move-task-state';

const ARN = 'arn:aws:sqs:eu-west-1:123456789012:imgpipe-prod-resize-dlq';

describe('message move task state', () => {
  it('given a list entry, then its counts, rate, reason and start time are kept', () => {
    expect(
      moveTaskOf({
        Status: 'FAILED',
        SourceArn: ARN,
        MaxNumberOfMessagesPerSecond: 10,
        ApproximateNumberOfMessagesMoved: 4,
        ApproximateNumberOfMessagesToMove: 9,
        FailureReason: 'CouldNotDetermineMessageSource',
        StartedTimestamp: Date.UTC(2026, 10, 27, 12),
      }),
    ).toEqual({
      status: 'FAILED',
      sourceArn: ARN,
      maxMessagesPerSecond: 10,
      moved: 4,
      toMove: 9,
      failureReason: 'CouldNotDetermineMessageSource',
      startedAt: '2026-11-27T12:00:00.000Z',
    });
  });

  it('given a status it does not know, then the task counts as failed with that status as reason', () => {
    const task = moveTaskOf({ Status: 'PAUSED', SourceArn: ARN });

    expect(task).toMatchObject({ status: 'FAILED', failureReason: 'unknown status PAUSED' });
    expect(isMoveTaskFinished(task)).toBe(true);
  });

  it('given CANCELLING, then the task is not finished; CANCELLED, COMPLETED and FAILED are', () => {
    const finished = (['RUNNING', 'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED'] as const).map(
      (status) => isMoveTaskFinished({ status, sourceArn: ARN, moved: 0 }),
    );

    expect(finished).toEqual([false, false, true, true, true]);
  });

  it('given tasks newest first, then the running one is the one with a handle, and the started one is found by handle or as new since the start', () => {
    const entry = (Status: string, minute: number, TaskHandle?: string) =>
      moveTaskOf({
        Status,
        SourceArn: ARN,
        StartedTimestamp: Date.UTC(2026, 10, 27, 12, minute),
        ...(TaskHandle ? { TaskHandle } : {}),
      });
    const older = entry('CANCELLED', 0);
    const running = entry('RUNNING', 5, 'h');
    const ended = entry('COMPLETED', 5);

    expect(runningMoveTask([ended, older])).toBeUndefined();
    expect(runningMoveTask([running, older])).toBe(running);
    expect(taskStartedAs('h', [running, older], [older])).toBe(running);
    expect(taskStartedAs('h', [ended, older], [older])).toBe(ended);
    // SQS has not listed the new task yet: the older one's end is not this one's.
    expect(taskStartedAs('h', [older], [older])).toBeUndefined();
  });
});
