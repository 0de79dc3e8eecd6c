import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MoveTask } from '@imgpipe/dlq';
import { MoveTaskRunningError, isMoveTaskSuccess, redriveDlq } from '@imgpipe/dlq';
import { operatorPolicyName } from '@imgpipe/registry';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { formatMoveSummary, moveTaskErrorHint, moveTaskJson } from './dlq-move-format';
import { LiveLine } from './live-line';
import { formatMoveLine } from './progress-line';
import type { QueueService } from './ssm-parameters';
import { queueResources } from './ssm-parameters';
import type { Target } from './target';
import { requireResource } from './target';
import { reportMode } from './upload-report';

/**
 * Redrives one service's DLQ with SQS's move task and follows it: a redrawn progress line on
 * a terminal, a line whenever the count moves otherwise, the final task as JSON with `json`.
 *
 * @returns true when the task COMPLETED; false when it failed, was cancelled or could not start.
 * @example
 * const ok = await redriveService(sqs, target, 'resize', { io, json: false, rate: 50 });
 */
export async function redriveService(
  sqs: SQSClient,
  target: Target,
  service: QueueService,
  options: { readonly io: CliIo; readonly json: boolean; readonly rate: number | undefined },
): Promise<boolean> {
  const { io, json, rate } = options;
  const resources = queueResources(service);
  const queues = {
    dlqUrl: requireResource(target, resources.dlq),
    targetQueueUrl: requireResource(target, resources.queue),
  };
  const mode = reportMode(io, json);
  const line = mode === 'live' ? new LiveLine(io.stdout) : undefined;
  const started = Date.now();
  let lastMoved: number | undefined;
  const onProgress = (task: MoveTask) => {
    const progress = {
      service,
      moved: task.moved,
      toMove: task.toMove,
      elapsedMs: Date.now() - started,
    };
    if (line) line.update((width) => formatMoveLine(progress, width));
    else if (mode === 'plain' && task.moved !== lastMoved)
      io.stdout.write(`${formatMoveLine(progress, Number.POSITIVE_INFINITY)}\n`);
    lastMoved = task.moved;
  };
  let result;
  try {
    result = await redriveDlq(sqs, queues, {
      onProgress,
      signal: io.signal,
      ...(rate !== undefined ? { ratePerSecond: rate } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
    });
  } catch (error) {
    line?.end();
    io.stderr.write(`${redriveFailure(service, error, target)}\n`);
    return false;
  }
  line?.end();
  const { task, aborted } = result;
  if (json) io.stdout.write(`${moveTaskJson(service, task, aborted)}\n`);
  else io.stdout.write(`${formatMoveSummary(service, task)}\n`);
  if (aborted) {
    io.stderr.write(
      `stopped following the ${service} move task; it goes on in SQS: \`imgpipe dlq cancel ${service}\` stops it\n`,
    );
    return false;
  }
  if (!isMoveTaskSuccess(task))
    io.stderr.write(
      `the ${service} move task ended ${task.status}${task.failureReason ? `: ${task.failureReason}` : ''}; what it did not move is still in the DLQ\n`,
    );
  return isMoveTaskSuccess(task);
}

function redriveFailure(service: QueueService, error: unknown, target: Target): string {
  if (error instanceof MoveTaskRunningError)
    return `${service}: ${error.message}; let it end, or stop it with \`imgpipe dlq cancel ${service}\``;
  const hint = moveTaskErrorHint(error, operatorPolicyName(target.stage ?? '<stage>'));
  return `${service}: redrive by SQS's move task failed: ${describeAwsError(error, target)}${hint ? ` (${hint})` : ''}`;
}
