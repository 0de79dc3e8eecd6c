/**
 * SQS message move tasks (StartMessageMoveTask, SQS's own DLQ redrive) as plain data, and
 * the decisions made on them. No SDK calls here: `dlq-move-task.ts` makes those.
 */

/** A move task's status as SQS reports it. */
export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** One message move task, as `ListMessageMoveTasks` describes it. */
export interface MoveTask {
  /** Only while it runs: what `CancelMessageMoveTask` takes. */
  readonly taskHandle?: string;
  readonly status: MoveTaskStatus;
  readonly sourceArn: string;
  readonly destinationArn?: string;
  /** The rate it was started with; SQS chooses (up to 500/s) when absent. */
  readonly maxMessagesPerSecond?: number;
  readonly moved: number;
  /** What the DLQ held when the task started (approximate). */
  readonly toMove?: number;
  readonly failureReason?: string;
  readonly startedAt?: string;
}

/** The fields of a `ListMessageMoveTasks` result entry this module reads. */
export interface MoveTaskEntry {
  readonly TaskHandle?: string | undefined;
  readonly Status?: string | undefined;
  readonly SourceArn?: string | undefined;
  readonly DestinationArn?: string | undefined;
  readonly MaxNumberOfMessagesPerSecond?: number | undefined;
  readonly ApproximateNumberOfMessagesMoved?: number | undefined;
  readonly ApproximateNumberOfMessagesToMove?: number | undefined;
  readonly FailureReason?: string | undefined;
  readonly StartedTimestamp?: number | undefined;
}

const STATUSES: readonly MoveTaskStatus[] = [
  'RUNNING',
  'COMPLETED',
  'CANCELLING',
  'CANCELLED',
  'FAILED',
];

/** SQS's bounds for `MaxNumberOfMessagesPerSecond`. */
export const MOVE_TASK_RATE = { min: 1, max: 500 } as const;

/**
 * A `ListMessageMoveTasks` entry as a {@link MoveTask}; an unknown status counts as FAILED
 * so a caller never waits on a state it cannot read.
 *
 * @example
 * moveTaskOf({ Status: 'RUNNING', SourceArn: arn, ApproximateNumberOfMessagesMoved: 3 }).moved; // 3
 */
export function moveTaskOf(entry: MoveTaskEntry): MoveTask {
  const known = STATUSES.find((status) => status === entry.Status);
  return {
    status: known ?? 'FAILED',
    sourceArn: entry.SourceArn ?? '',
    moved: entry.ApproximateNumberOfMessagesMoved ?? 0,
    ...(entry.TaskHandle !== undefined ? { taskHandle: entry.TaskHandle } : {}),
    ...(entry.DestinationArn !== undefined ? { destinationArn: entry.DestinationArn } : {}),
    ...(entry.MaxNumberOfMessagesPerSecond !== undefined
      ? { maxMessagesPerSecond: entry.MaxNumberOfMessagesPerSecond }
      : {}),
    ...(entry.ApproximateNumberOfMessagesToMove !== undefined
      ? { toMove: entry.ApproximateNumberOfMessagesToMove }
      : {}),
    ...(entry.FailureReason !== undefined || known === undefined
      ? { failureReason: entry.FailureReason ?? `unknown status ${String(entry.Status)}` }
      : {}),
    ...(entry.StartedTimestamp !== undefined
      ? { startedAt: new Date(entry.StartedTimestamp).toISOString() }
      : {}),
  };
}

/**
 * Whether a task has ended: COMPLETED, FAILED or CANCELLED (CANCELLING still moves).
 *
 * @example
 * isMoveTaskFinished({ status: 'CANCELLING', sourceArn, moved: 4 }); // false
 */
export function isMoveTaskFinished(task: MoveTask): boolean {
  return task.status === 'COMPLETED' || task.status === 'FAILED' || task.status === 'CANCELLED';
}

/**
 * The task that is moving messages now, if any: SQS runs at most one per source queue, and
 * only a running one has a handle to cancel it by.
 *
 * @example
 * const running = runningMoveTask(tasks);
 * if (running) await cancelMoveTask(sqs, running.taskHandle);
 */
export function runningMoveTask(
  tasks: readonly MoveTask[],
): (MoveTask & { readonly taskHandle: string }) | undefined {
  return tasks.find(
    (task): task is MoveTask & { readonly taskHandle: string } =>
      task.status === 'RUNNING' && task.taskHandle !== undefined,
  );
}

/**
 * The task a replay started, among those `ListMessageMoveTasks` returns: the one with its
 * handle while it runs; once ended SQS drops the handle, so then the one that was not listed
 * before the start (told apart by start time). Undefined while SQS does not list it yet, so an
 * older task's end is never taken for this one's.
 *
 * @example
 * const task = taskStartedAs(handle, await listMoveTasks(sqs, arn), tasksBeforeStart);
 */
export function taskStartedAs(
  taskHandle: string,
  tasks: readonly MoveTask[],
  before: readonly MoveTask[],
): MoveTask | undefined {
  const earlier = new Set(before.map((task) => task.startedAt));
  return (
    tasks.find((task) => task.taskHandle === taskHandle) ??
    tasks.find((task) => task.startedAt !== undefined && !earlier.has(task.startedAt))
  );
}

/**
 * Whether a move ended well: COMPLETED. FAILED and CANCELLED did not move everything.
 *
 * @example
 * if (!isMoveTaskSuccess(task)) return EXIT.failure;
 */
export function isMoveTaskSuccess(task: MoveTask): boolean {
  return task.status === 'COMPLETED';
}
