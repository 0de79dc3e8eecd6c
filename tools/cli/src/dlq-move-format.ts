import type { MoveTask } from '@imgpipe/dlq';
import type { QueueService } from './ssm-parameters';

/** The IAM actions SQS checks for a move task, beyond the move-task actions themselves. */
const MOVE_TASK_ACTIONS =
  'sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks and sqs:CancelMessageMoveTask, with ' +
  'sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the DLQ and ' +
  'sqs:SendMessage on the queue';

/**
 * A move task's outcome for one service, in one line.
 *
 * @example
 * formatMoveSummary('resize', { status: 'COMPLETED', sourceArn, moved: 40, toMove: 40 });
 * // 'resize: move task COMPLETED, 40 of 40 moved'
 */
export function formatMoveSummary(service: QueueService, task: MoveTask): string {
  const count = task.toMove === undefined ? `${task.moved}` : `${task.moved} of ${task.toMove}`;
  const why = task.failureReason === undefined ? '' : `: ${task.failureReason}`;
  return `${service}: move task ${task.status}, ${count} moved${why}`;
}

/**
 * The JSON line `dlq replay --json` prints for a service SQS redrove: the task as SQS last
 * reported it, and whether the command stopped following it before it ended.
 *
 * @example
 * io.stdout.write(`${moveTaskJson('resize', task, false)}\n`);
 */
export function moveTaskJson(service: QueueService, task: MoveTask, aborted: boolean): string {
  return JSON.stringify({ service, method: 'move-task', aborted, task });
}

/**
 * The line that says how to act on an SQS error of a move task: access denied names the
 * actions SQS checks and the policy that grants them.
 *
 * @example
 * moveTaskErrorHint(error, 'imgpipe-prod-operator');
 */
export function moveTaskErrorHint(error: unknown, operatorPolicy: string): string | undefined {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'AccessDenied' || name === 'AccessDeniedException')
    return `a DLQ redrive needs ${MOVE_TASK_ACTIONS}: the ${operatorPolicy} policy grants them`;
  return undefined;
}
