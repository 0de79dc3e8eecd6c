import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '@imgpipe/aws';
import { MOVE_TASK_RATE, replayDlq } from '@imgpipe/dlq';
import type { CommandSpec, ParsedArgs } from './args';
import { flagOption, integerOption, stringOption } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { EXIT, UsageError } from './cli-io';
import { defineCommand } from './command';
import { formatReplayProgress, formatReplaySummary, parseQueueServices } from './dlq-format';
import { SERVICES_TEXT } from './dlq-list-command';
import { redriveService } from './dlq-redrive';
import type { QueueService } from './ssm-parameters';
import { queueResources } from './ssm-parameters';
import type { Target } from './target';
import { requireResource } from './target';
import { DEPLOYMENT_OPTIONS } from './target-choice';

/** The `dlq replay` command line. */
export const DLQ_REPLAY_SPEC: CommandSpec = {
  name: 'dlq replay',
  summary: "move a service's dead-letter messages back to its queue",
  operands: '<service...|all>',
  minOperands: 1,
  description: [
    "On AWS, a whole DLQ moves with SQS's own redrive: a message move task from the DLQ to the",
    'service queue (StartMessageMoveTask), followed until SQS reports it COMPLETED, FAILED or',
    'CANCELLED, with a progress line of moved/total. Ctrl-C stops watching, not the task:',
    '`imgpipe dlq cancel <service>` stops it.',
    '',
    'With --key or --dry-run, and always on the local stack (its SQS has no move tasks), it moves',
    'by hand: sends each DLQ message (same body and attributes) back to the service queue, then',
    'deletes from the DLQ only the messages SQS confirmed as sent. Nothing is lost: a message',
    'that failed to send stays in the DLQ, and one killed between send and delete is in both (a',
    'replayed image already done is a duplicate and changes nothing). It runs until the DLQ holds',
    'nothing it should move, however long that takes; messages skipped by --key are counted once',
    'and made visible again at the end. A killed replay loses nothing either: what it held',
    'reappears in the DLQ after --visibility-timeout. `--key ""` moves everything by hand.',
    SERVICES_TEXT,
    '',
    'Summary per service (by hand): moved; skipped (not matching --key, still in the DLQ); failed',
    'to send (still in the DLQ); sent but not deleted (in both queues); left in the DLQ (what it',
    "should have moved and did not, by SQS's count at the end; in a dry run, all it would move).",
    'By move task: its final status and how many of how many SQS moved.',
    '',
    'Exit status: 0 the DLQ holds nothing it should have moved (a dry run: it looked at all; a',
    'move task: COMPLETED); 1 messages left, a send or delete failed, SQS failed, or the move task',
    'FAILED (its reason is printed), was CANCELLED or was already running; 2 a mistake in the',
    'command line; 130 interrupted (the batch in flight is finished; a move task goes on).',
  ].join('\n'),
  groups: [
    {
      title: 'Replay',
      options: {
        rate: {
          type: 'string',
          value: '<n>',
          description: `At most n messages a second (${MOVE_TASK_RATE.min}-${MOVE_TASK_RATE.max}; default: as fast as SQS goes)`,
        },
        'dry-run': { type: 'boolean', description: 'Show what would be replayed, move nothing' },
        key: {
          type: 'string',
          value: '<prefix>',
          description: 'Only messages with a key starting with prefix; the rest stay',
        },
        max: {
          type: 'string',
          value: '<n>',
          description: 'By hand: look at most at n per DLQ (default: 1000)',
        },
        'visibility-timeout': {
          type: 'string',
          value: '<s>',
          description: 'By hand: hide each received message for s seconds (default: 60)',
        },
      },
    },
    {
      title: 'Output',
      options: {
        json: {
          type: 'boolean',
          description: 'One JSON object per service (its summary or final move task), no progress',
        },
      },
    },
    DEPLOYMENT_OPTIONS,
  ],
  examples: [
    'imgpipe dlq replay resize --dry-run',
    'imgpipe dlq replay all --key "albums/2024 summer/"',
    'imgpipe dlq replay metadata --profile prod-admin --stage prod --rate 50',
    'imgpipe dlq replay resize --aws --json | jq .task.status',
  ],
};

/**
 * `imgpipe dlq replay`: SQS's move task on AWS for a whole DLQ, by hand otherwise.
 *
 * @example
 * const code = await dlqReplayCommand.run(['resize', '--dry-run'], processIo());
 */
export const dlqReplayCommand = defineCommand(DLQ_REPLAY_SPEC, async (context) => {
  const { args, io } = context;
  const name = DLQ_REPLAY_SPEC.name;
  const services = parseQueueServices(args.operands, name);
  const rate = stringOption(args, 'rate') === undefined ? undefined : rateOf(args);
  const limits = {
    max: integerOption(args, 'max', { fallback: 1000, min: 1, max: 100_000 }, name),
    visibilityTimeoutSeconds: integerOption(
      args,
      'visibility-timeout',
      { fallback: 60, min: 1, max: 43_200 },
      name,
    ),
  };
  const choice = context.choose();
  const byHand =
    choice.kind === 'local' ||
    stringOption(args, 'key') !== undefined ||
    flagOption(args, 'dry-run');
  if (!byHand) {
    for (const option of ['max', 'visibility-timeout'])
      if (stringOption(args, option) !== undefined)
        throw new UsageError(
          `--${option} applies to a replay by hand (--key, --dry-run, the local stack); SQS's move task moves the whole DLQ`,
          name,
        );
  }
  const target = await context.target(choice);
  const sqs = createSqsClient(target.config);
  const json = flagOption(args, 'json');
  const dryRun = flagOption(args, 'dry-run');
  if (!json)
    io.stdout.write(
      `replaying on ${target.label}${dryRun ? ' (dry run)' : byHand ? ' (by hand)' : " (SQS's move task)"}\n`,
    );
  let failed = false;
  for (const service of services) {
    if (io.signal.aborted) break;
    const ok = byHand
      ? await replayByHand(sqs, target, service, args, io, limits, rate)
      : await redriveService(sqs, target, service, { io, json, rate });
    failed ||= !ok;
  }
  if (io.signal.aborted) return EXIT.interrupted;
  return failed ? EXIT.failure : EXIT.ok;
});

/** Receive → send → delete after send: one service; true when it left nothing it should move. */
async function replayByHand(
  sqs: SQSClient,
  target: Target,
  service: QueueService,
  args: ParsedArgs,
  io: CliIo,
  limits: { readonly max: number; readonly visibilityTimeoutSeconds: number },
  rate: number | undefined,
): Promise<boolean> {
  const { max, visibilityTimeoutSeconds } = limits;
  const dryRun = flagOption(args, 'dry-run');
  const json = flagOption(args, 'json');
  const key = stringOption(args, 'key');
  const resources = queueResources(service);
  const queues = {
    dlqUrl: requireResource(target, resources.dlq),
    targetQueueUrl: requireResource(target, resources.queue),
  };
  const result = await replayDlq(sqs, queues, {
    max,
    dryRun,
    visibilityTimeoutSeconds,
    ...(rate !== undefined ? { ratePerSecond: rate } : {}),
    ...(key !== undefined
      ? { filter: (summary) => summary.keys.some((k) => k.startsWith(key)) }
      : {}),
    onProgress: (progress) => {
      const problem = progress.outcome === 'failed' || progress.outcome === 'not-deleted';
      if (json && !problem) return;
      (problem ? io.stderr : io.stdout).write(`${formatReplayProgress(service, progress)}\n`);
    },
    signal: io.signal,
  });
  const stopped = result.error === undefined ? undefined : describeAwsError(result.error, target);
  if (json) {
    const { moved, skipped, failed, notDeleted } = result;
    // `left` unknown is null, not absent: a script reads it as "SQS did not say".
    const summary = { moved, skipped, failed, notDeleted, left: result.left ?? null };
    io.stdout.write(
      `${JSON.stringify({ service, method: 'by-hand', dryRun, ...summary, ...(stopped ? { error: stopped } : {}) })}\n`,
    );
  } else io.stdout.write(`${formatReplaySummary(service, result, dryRun)}\n`);
  if (stopped !== undefined) io.stderr.write(`replay of the ${service} DLQ stopped: ${stopped}\n`);
  // A dry run is meant to leave everything; a replay is not, and says so through its code.
  return (
    result.error === undefined &&
    result.failed === 0 &&
    result.notDeleted === 0 &&
    (dryRun || result.left === 0)
  );
}

function rateOf(args: ParsedArgs): number {
  return integerOption(
    args,
    'rate',
    { fallback: MOVE_TASK_RATE.max, min: MOVE_TASK_RATE.min, max: MOVE_TASK_RATE.max },
    DLQ_REPLAY_SPEC.name,
  );
}
