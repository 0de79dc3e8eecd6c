import { createSqsClient } from '@imgpipe/aws';
import { cancelDlqRedrive } from '@imgpipe/dlq';
import { operatorPolicyName } from '@imgpipe/registry';
import type { CommandSpec } from './args';
import { flagOption } from './args';
import { describeAwsError } from './aws-errors';
import { EXIT } from './cli-io';
import { defineCommand } from './command';
import { parseQueueServices } from './dlq-format';
import { SERVICES_TEXT } from './dlq-list-command';
import { moveTaskErrorHint } from './dlq-move-format';
import { queueResources } from './ssm-parameters';
import { requireResource } from './target';
import { DEPLOYMENT_OPTIONS } from './target-choice';

/** The `dlq cancel` command line. */
export const DLQ_CANCEL_SPEC: CommandSpec = {
  name: 'dlq cancel',
  summary: "stop SQS's move task replaying a service's DLQ",
  operands: '<service...|all>',
  minOperands: 1,
  description: [
    'Cancels the message move task (CancelMessageMoveTask) that `imgpipe dlq replay` started on',
    'AWS, by the handle ListMessageMoveTasks gives the running task. What it moved stays moved;',
    'the rest stays in the DLQ. The local stack has no move tasks: a replay there stops with',
    'Ctrl-C.',
    SERVICES_TEXT,
    '',
    'Exit status: 0 a task was cancelled (for every service named that had one running); 1 SQS',
    'failed; 2 a mistake in the command line; 3 no move task was running: nothing to cancel.',
  ].join('\n'),
  groups: [
    {
      title: 'Output',
      options: {
        json: {
          type: 'boolean',
          description: 'One JSON object per service: cancelled or not, and the task',
        },
      },
    },
    DEPLOYMENT_OPTIONS,
  ],
  examples: [
    'imgpipe dlq cancel resize --aws',
    'imgpipe dlq cancel all --profile prod-admin --stage prod --json',
  ],
};

/**
 * `imgpipe dlq cancel`: cancels each chosen service's running move task.
 *
 * @example
 * const code = await dlqCancelCommand.run(['resize', '--aws'], processIo());
 */
export const dlqCancelCommand = defineCommand(DLQ_CANCEL_SPEC, async (context) => {
  const { args, io } = context;
  const services = parseQueueServices(args.operands, DLQ_CANCEL_SPEC.name);
  const json = flagOption(args, 'json');
  const target = await context.target();
  if (target.local) {
    io.stderr.write(
      'the local stack has no move tasks (its SQS lacks them): a replay there runs by hand and stops with Ctrl-C\n',
    );
    return EXIT.nothingToDo;
  }
  const sqs = createSqsClient(target.config);
  let cancelled = 0;
  let failed = false;
  for (const service of services) {
    const dlqUrl = requireResource(target, queueResources(service).dlq);
    try {
      const task = await cancelDlqRedrive(sqs, dlqUrl);
      if (task !== undefined) cancelled += 1;
      if (json)
        io.stdout.write(
          `${JSON.stringify({ service, cancelled: task !== undefined, ...(task ? { task } : {}) })}\n`,
        );
      else if (task === undefined)
        io.stdout.write(`${service}: no move task running from its DLQ, nothing to cancel\n`);
      else
        io.stdout.write(
          `${service}: move task cancelled after ${task.moved}${task.toMove === undefined ? '' : ` of ${task.toMove}`} moved; the rest stays in the DLQ\n`,
        );
    } catch (error) {
      failed = true;
      const hint = moveTaskErrorHint(error, operatorPolicyName(target.stage ?? '<stage>'));
      io.stderr.write(
        `${service}: cancelling the move task failed: ${describeAwsError(error, target)}${hint ? ` (${hint})` : ''}\n`,
      );
    }
  }
  if (failed) return EXIT.failure;
  return cancelled > 0 ? EXIT.ok : EXIT.nothingToDo;
});
