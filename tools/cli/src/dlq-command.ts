import { existsSync } from 'node:fs';
import { createSqsClient } from '@imgpipe/aws';
import { listDlq, replayDlq } from '@imgpipe/dlq';
import type { CommandSpec, ParsedArgs } from './args';
import {
  flagOption,
  formatCommandHelp,
  integerOption,
  parseCommandArgs,
  stringOption,
} from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { CliError, EXIT, UsageError } from './cli-io';
import {
  dlqMessageJson,
  formatDlqListing,
  formatReplayProgress,
  formatReplaySummary,
  parseQueueServices,
} from './dlq-format';
import { QUEUE_SERVICES, SSM_PARAMETERS, queueResources } from './ssm-parameters';
import { DEPLOYMENT_OPTIONS, chooseTarget } from './target-choice';
import type { Target } from './target';
import { requireResource, resolveTarget } from './target';

const SERVICES_TEXT = `A service is ${QUEUE_SERVICES.join(', ')}, or all. On AWS the queue URLs come from the SSM
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

/** The `dlq replay` command line. */
export const DLQ_REPLAY_SPEC: CommandSpec = {
  name: 'dlq replay',
  summary: "move a service's dead-letter messages back to its queue",
  operands: '<service...|all>',
  minOperands: 1,
  description: [
    'After a fix: sends each DLQ message (same body and attributes) back to the service queue,',
    'then deletes from the DLQ only the messages SQS confirmed as sent. Nothing is lost: a',
    'message that failed to send stays in the DLQ, and one killed between send and delete is in',
    'both (a replayed image already done is a duplicate and changes nothing). It runs until the',
    'DLQ holds nothing it should move, however long that takes; messages skipped by --key are',
    'counted once and made visible again at the end. A killed replay loses nothing either: what it',
    'held reappears in the DLQ after --visibility-timeout.',
    SERVICES_TEXT,
    '',
    'Summary per service: moved; skipped (not matching --key, still in the DLQ); failed to send',
    '(still in the DLQ); sent but not deleted (in both queues); left in the DLQ (what it should',
    "have moved and did not, by SQS's count at the end; in a dry run, all it would move).",
    '',
    'Exit status: 0 the DLQ holds nothing it should have moved (a dry run: it looked at all);',
    '1 messages left, a send or delete failed, or SQS failed; 2 a mistake in the command line;',
    '130 interrupted (the batch in flight is finished).',
  ].join('\n'),
  groups: [
    {
      title: 'Replay',
      options: {
        max: {
          type: 'string',
          value: '<n>',
          description: 'Look at most at n per DLQ (default: 1000)',
        },
        'dry-run': { type: 'boolean', description: 'Show what would be replayed, move nothing' },
        key: {
          type: 'string',
          value: '<prefix>',
          description: 'Only messages with a key starting with prefix; the rest stay',
        },
        'visibility-timeout': {
          type: 'string',
          value: '<s>',
          description: 'Hide each received message for s seconds (default: 60)',
        },
      },
    },
    DEPLOYMENT_OPTIONS,
  ],
  examples: [
    'imgpipe dlq replay resize --dry-run',
    'imgpipe dlq replay all --key "albums/2024 summer/"',
    'imgpipe dlq replay metadata --profile prod-admin --stage prod',
  ],
};

/** `imgpipe dlq --help`: the subcommands. */
export const DLQ_HELP = [
  'imgpipe dlq - inspect and replay the dead-letter queues',
  '',
  'Usage',
  '  imgpipe dlq <list|replay> [options] <service...|all>',
  '',
  'Subcommands',
  `  list    ${DLQ_LIST_SPEC.summary}`,
  `  replay  ${DLQ_REPLAY_SPEC.summary}`,
  '',
  'Run `imgpipe dlq list --help` or `imgpipe dlq replay --help` for their options.',
  '',
].join('\n');

/**
 * `imgpipe dlq`: dispatches to `list` or `replay`.
 *
 * @example
 * const code = await dlqCommand(['replay', 'resize', '--dry-run'], processIo());
 */
export async function dlqCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(DLQ_HELP);
    return EXIT.ok;
  }
  if (sub === 'list') return dlqListCommand(rest, io);
  if (sub === 'replay') return dlqReplayCommand(rest, io);
  throw new UsageError(
    sub === undefined
      ? 'missing list or replay'
      : `unknown subcommand '${sub}': use list or replay`,
    'dlq',
  );
}

async function dlqListCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(DLQ_LIST_SPEC, argv);
  if (args.help) {
    io.stdout.write(formatCommandHelp(DLQ_LIST_SPEC));
    return EXIT.ok;
  }
  const services = parseQueueServices(args.operands, DLQ_LIST_SPEC.name);
  const max = integerOption(
    args,
    'max',
    { fallback: 100, min: 1, max: 100_000 },
    DLQ_LIST_SPEC.name,
  );
  const json = flagOption(args, 'json');
  const target = await targetOf(args, io, DLQ_LIST_SPEC.name);
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
}

async function dlqReplayCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(DLQ_REPLAY_SPEC, argv);
  if (args.help) {
    io.stdout.write(formatCommandHelp(DLQ_REPLAY_SPEC));
    return EXIT.ok;
  }
  const services = parseQueueServices(args.operands, DLQ_REPLAY_SPEC.name);
  const max = integerOption(
    args,
    'max',
    { fallback: 1000, min: 1, max: 100_000 },
    DLQ_REPLAY_SPEC.name,
  );
  const dryRun = flagOption(args, 'dry-run');
  const key = stringOption(args, 'key');
  const visibilityTimeoutSeconds = integerOption(
    args,
    'visibility-timeout',
    { fallback: 60, min: 1, max: 43_200 },
    DLQ_REPLAY_SPEC.name,
  );
  const target = await targetOf(args, io, DLQ_REPLAY_SPEC.name);
  const sqs = createSqsClient(target.config);
  io.stdout.write(`replaying on ${target.label}${dryRun ? ' (dry run)' : ''}\n`);
  let failed = false;
  for (const service of services) {
    if (io.signal.aborted) break;
    const resources = queueResources(service);
    const queues = {
      dlqUrl: requireResource(target, resources.dlq),
      targetQueueUrl: requireResource(target, resources.queue),
    };
    const result = await replayDlq(sqs, queues, {
      max,
      dryRun,
      visibilityTimeoutSeconds,
      ...(key !== undefined
        ? { filter: (summary) => summary.keys.some((k) => k.startsWith(key)) }
        : {}),
      onProgress: (progress) => {
        const stream =
          progress.outcome === 'failed' || progress.outcome === 'not-deleted'
            ? io.stderr
            : io.stdout;
        stream.write(`${formatReplayProgress(service, progress)}\n`);
      },
      signal: io.signal,
    });
    io.stdout.write(`${formatReplaySummary(service, result, dryRun)}\n`);
    if (result.error !== undefined) {
      io.stderr.write(
        `replay of the ${service} DLQ stopped: ${describeAwsError(result.error, target)}\n`,
      );
    }
    // A dry run is meant to leave everything; a replay is not, and says so through its code.
    failed ||=
      result.error !== undefined ||
      result.failed > 0 ||
      result.notDeleted > 0 ||
      (!dryRun && result.left !== 0);
  }
  if (io.signal.aborted) return EXIT.interrupted;
  return failed ? EXIT.failure : EXIT.ok;
}

function targetOf(args: ParsedArgs, io: CliIo, command: string): Promise<Target> {
  return resolveTarget(chooseTarget(args, io.env, io.cwd, existsSync, command), {}, io.env);
}
