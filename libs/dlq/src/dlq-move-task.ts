import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { MoveTask } from './dlq-move-task-state';
import {
  isMoveTaskFinished,
  moveTaskOf,
  runningMoveTask,
  taskStartedAs,
} from './dlq-move-task-state';

/** How often a followed task is asked for its progress, unless told otherwise. */
const POLL_INTERVAL_MS = 2000;

/** A replay refused because SQS already runs a move task from that DLQ. */
export class MoveTaskRunningError extends Error {
  constructor(readonly task: MoveTask & { readonly taskHandle: string }) {
    super(
      `a message move task from ${task.sourceArn} is already running (${task.moved}${task.toMove === undefined ? '' : `/${task.toMove}`} moved)`,
    );
    this.name = 'MoveTaskRunningError';
  }
}

/** Options of {@link redriveDlq}. */
export interface RedriveOptions {
  /** SQS's `MaxNumberOfMessagesPerSecond` (1–500); SQS picks its own pace when absent. */
  readonly ratePerSecond?: number;
  /** Called after every poll with the task as SQS reports it. */
  readonly onProgress?: (task: MoveTask) => void;
  /** Once aborted, polling stops; the task goes on in SQS. */
  readonly signal?: AbortSignal;
  readonly pollIntervalMs?: number;
  /** Waits between polls; a test passes one that does not. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How a followed redrive ended. */
export interface RedriveResult {
  /** The task at the last poll: finished, unless `aborted`. */
  readonly task: MoveTask;
  /** Polling stopped on the signal; the task may still be running in SQS. */
  readonly aborted: boolean;
}

/**
 * Moves a DLQ back to its source queue with SQS's own redrive: StartMessageMoveTask from the
 * DLQ's ARN to the queue's ARN (ARNs asked of SQS by URL), then ListMessageMoveTasks until the
 * task is COMPLETED, FAILED or CANCELLED. SQS moves every message and, on its side, never
 * loses one; the command only watches.
 *
 * @throws MoveTaskRunningError when a task from that DLQ is already running; the SQS error of
 * a call that failed (AccessDenied, a source that is not a DLQ, …).
 * @example
 * const { task } = await redriveDlq(sqs, { dlqUrl, targetQueueUrl }, { ratePerSecond: 50 });
 * task.status; // 'COMPLETED'
 */
export async function redriveDlq(
  sqs: SQSClient,
  queues: { readonly dlqUrl: string; readonly targetQueueUrl: string },
  options: RedriveOptions = {},
): Promise<RedriveResult> {
  const sourceArn = await queueArn(sqs, queues.dlqUrl);
  const destinationArn = await queueArn(sqs, queues.targetQueueUrl);
  const before = await listMoveTasks(sqs, sourceArn);
  const running = runningMoveTask(before);
  if (running !== undefined) throw new MoveTaskRunningError(running);
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: sourceArn,
      DestinationArn: destinationArn,
      ...(options.ratePerSecond !== undefined
        ? { MaxNumberOfMessagesPerSecond: options.ratePerSecond }
        : {}),
    }),
  );
  const handle = started.TaskHandle ?? '';
  const sleep = options.sleep ?? abortableSleep;
  for (;;) {
    const task = taskStartedAs(handle, await listMoveTasks(sqs, sourceArn), before) ?? {
      // Not listed yet: SQS has accepted the task but not reported it.
      status: 'RUNNING' as const,
      sourceArn,
      moved: 0,
      taskHandle: handle,
    };
    options.onProgress?.(task);
    if (isMoveTaskFinished(task)) return { task, aborted: false };
    if (options.signal?.aborted === true) return { task, aborted: true };
    // Aborted while asleep: one more poll reports where the task stands, then it returns.
    await sleep(options.pollIntervalMs ?? POLL_INTERVAL_MS, options.signal);
  }
}

/**
 * Cancels the move task running from a DLQ, if one is.
 *
 * @returns the task as it was when cancelled, with SQS's count of messages moved by then;
 * undefined when none was running.
 * @example
 * const cancelled = await cancelDlqRedrive(sqs, dlqUrl);
 * if (cancelled === undefined) console.log('nothing to cancel');
 */
export async function cancelDlqRedrive(
  sqs: SQSClient,
  dlqUrl: string,
): Promise<MoveTask | undefined> {
  const sourceArn = await queueArn(sqs, dlqUrl);
  const running = runningMoveTask(await listMoveTasks(sqs, sourceArn));
  if (running === undefined) return undefined;
  const out = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: running.taskHandle }));
  return {
    ...running,
    status: 'CANCELLING',
    moved: out.ApproximateNumberOfMessagesMoved ?? running.moved,
  };
}

/**
 * The move tasks from a queue, newest first (SQS keeps the last ten).
 *
 * @example
 * const tasks = await listMoveTasks(sqs, 'arn:aws:sqs:eu-west-1:123456789012:imgpipe-prod-resize-dlq');
 */
export async function listMoveTasks(sqs: SQSClient, sourceArn: string): Promise<MoveTask[]> {
  const out = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }),
  );
  return (out.Results ?? []).map(moveTaskOf);
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = out.Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`GetQueueAttributes gave no QueueArn for ${queueUrl}`);
  return arn;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
