import { createSqsClient } from '@imgpipe/aws';
import { listDlq } from '@imgpipe/dlq';
import type { CommandSpec } from './args';
import { flagOption, integerOption } from './args';
import { describeAwsError } from './aws-errors';
import { CliError, EXIT } from './cli-io';
import { defineCommand } from './command';
import { dlqMessageJson, formatDlqListing, parseQueueServices } from './dlq-format';
import { QUEUE_SERVICES, SSM_PARAMETERS, queueResources } from './ssm-parameters';
import { requireResource } from './target';
import { DEPLOYMENT_OPTIONS } from './target-choice';

/** What every `dlq` subcommand's help says about naming services. */
export const SERVICES_TEXT = `A service is ${QUEUE_SERVICES.join(', ')}, or all. On AWS the queue URLs come from the SSM
parameters /imgpipe/<stage>/<service>-service/{queue-url,dlq-url} (e.g. ${SSM_PARAMETERS.resizeDlq}).`;

/** The `dlq list` command line. */
export const DLQ_LIST_SPEC: CommandSpec = {
  name: 'dlq list',
  summary: "show the messages in a service's dead-letter queue",
  operands: '<service...|all>',
  minOperands: 1,
  description: [
    'Peeks at each message in the DLQ without removing it: its id, how often SQS delivered it',
    '(this listing counts as one), its age since first sent, and the image keys inside. Messages',
    'are hidden for a few seconds while listed and made visible again before it ends.',
    SERVICES_TEXT,
    '',
    'Exit status: 0 listed (an empty DLQ too); 1 SQS failed or the target is unreachable; 2 a',
    'mistake in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'Output',
      options: {
        max: { type: 'string', value: '<n>', description: 'List at most n per DLQ (default: 100)' },
        json: { type: 'boolean', description: 'One JSON object per message, one per line' },
      },
    },
    DEPLOYMENT_OPTIONS,
  ],
  examples: ['imgpipe dlq list all', 'imgpipe dlq list resize --json | jq .keys'],
};

/**
 * `imgpipe dlq list`: peeks at each chosen DLQ.
 *
 * @example
 * const code = await dlqListCommand.run(['all', '--json'], processIo());
 */
export const dlqListCommand = defineCommand(DLQ_LIST_SPEC, async (context) => {
  const { args, io } = context;
  const services = parseQueueServices(args.operands, DLQ_LIST_SPEC.name);
  const max = integerOption(
    args,
    'max',
    { fallback: 100, min: 1, max: 100_000 },
    DLQ_LIST_SPEC.name,
  );
  const json = flagOption(args, 'json');
  const target = await context.target();
  const sqs = createSqsClient(target.config);
  for (const [i, service] of services.entries()) {
    const dlqUrl = requireResource(target, queueResources(service).dlq);
    let summaries;
    try {
      summaries = await listDlq(sqs, dlqUrl, { max });
    } catch (error) {
      throw new CliError(`listing the ${service} DLQ failed: ${describeAwsError(error, target)}`);
    }
    if (json)
      summaries.forEach((summary) => io.stdout.write(`${dlqMessageJson(service, summary)}\n`));
    else
      io.stdout.write(
        `${i > 0 ? '\n' : ''}${formatDlqListing(service, summaries, { max, now: new Date() })}`,
      );
  }
  return EXIT.ok;
});
