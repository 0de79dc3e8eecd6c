import { setTimeout as delay } from 'node:timers/promises';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createSqsClient, readStackDescription } from '@imgpipe/aws';
import type { CommandSpec } from './args';
import { flagOption, integerOption, stringOption } from './args';
import { describeAwsError } from './aws-errors';
import { CliError, EXIT, UsageError } from './cli-io';
import { defineCommand } from './command';
import { parseSince } from './since-option';
import { cloudWatchStats } from './stats-cloudwatch';
import type { StatsReport } from './stats-format';
import { formatStatsReport } from './stats-format';
import { localStats } from './stats-local';
import { DEPLOYMENT_OPTIONS } from './target-choice';
import type { TargetChoice } from './target-choice';
import type { Target } from './target';

/** The `stats` command line. */
export const STATS_SPEC: CommandSpec = {
  name: 'stats',
  summary: "show each service's processed, rejected, deleted, retried, DLQ, queue age, p50/p99",
  operands: '',
  minOperands: 0,
  description: [
    'Prints, per service, the numbers its CloudWatch dashboard row shows: images processed,',
    'rejected, deleted (source removals applied) and retried, messages in its DLQ and queue, the',
    'age of the oldest queued message, and the p50/p99 processing time per image. Locally they',
    "are what the stack collected from the services' metric (EMF) output since it started, plus",
    "each function process's peak memory against its setting; on AWS the same metric names are",
    'read from CloudWatch (GetMetricData) over --since, so the command means the same in both',
    "places (peak memory is in Lambda's REPORT log lines there, so it shows '-').",
    '',
    'Exit status: 0 printed; 1 the numbers could not be read (stack not running, access',
    'denied); 2 a mistake in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'Output',
      options: {
        json: { type: 'boolean', description: 'Print the report as one JSON object' },
        watch: { type: 'boolean', short: 'w', description: 'Refresh until interrupted (Ctrl-C)' },
        interval: {
          type: 'string',
          value: '<s>',
          description: 'Seconds between refreshes with --watch (default 2)',
        },
        since: {
          type: 'string',
          value: '<when>',
          description: 'On AWS, the window start: 90m, 6h, 2d or an ISO date (default 1h)',
        },
      },
    },
    DEPLOYMENT_OPTIONS,
  ],
  examples: [
    'imgpipe stats',
    'imgpipe stats --watch',
    'imgpipe stats --json | jq ".services[] | {service, rejected}"',
    'imgpipe stats --aws --stage prod --since 6h',
  ],
};

/**
 * `imgpipe stats`: the services' numbers, from the local stack or CloudWatch.
 *
 * @example
 * const code = await statsCommand.run(['--json'], processIo());
 */
export const statsCommand = defineCommand(STATS_SPEC, async (context) => {
  const { args, io } = context;
  if (args.operands.length > 0) throw new UsageError('stats takes no operands', 'stats');
  const json = flagOption(args, 'json');
  const watch = flagOption(args, 'watch');
  const intervalMs =
    integerOption(args, 'interval', { fallback: 2, min: 1, max: 3600 }, 'stats') * 1000;
  const choice = context.choose();
  const rawSince = stringOption(args, 'since');
  if (rawSince !== undefined && choice.kind === 'local')
    throw new UsageError(
      '--since is for AWS: locally the numbers cover the stack since it started',
      'stats',
    );
  const read = reader(choice, rawSince, await context.target(choice));

  for (;;) {
    const report = await read();
    const text = json ? `${JSON.stringify(report)}\n` : formatStatsReport(report);
    // A terminal is redrawn in place; a pipe gets one report after another.
    io.stdout.write(watch && io.stdout.isTTY ? `\x1b[H\x1b[2J${text}` : text);
    if (!watch) return EXIT.ok;
    await delay(intervalMs, undefined, { signal: io.signal }).catch(() => undefined);
    if (io.signal.aborted) return EXIT.ok;
  }
});

function reader(
  choice: TargetChoice,
  rawSince: string | undefined,
  target: Target,
): () => Promise<StatsReport> {
  if (choice.kind === 'local') {
    const stack = readStackDescription(choice.stackFile);
    const sqs = createSqsClient(target.config);
    return async () => {
      try {
        return await localStats(stack, sqs, target.label);
      } catch (error) {
        throw new CliError(
          `reading the local stack's numbers failed: ${describeAwsError(error, target)}`,
        );
      }
    };
  }
  const cloudwatch = new CloudWatchClient({ region: target.config.region });
  return async () => {
    const until = new Date();
    const since =
      rawSince === undefined
        ? new Date(until.getTime() - 3_600_000)
        : parseSince(rawSince, until, 'stats');
    try {
      return await cloudWatchStats(cloudwatch, choice.stage, since, until, target.label);
    } catch (error) {
      throw new CliError(`reading CloudWatch failed: ${describeAwsError(error, target)}`);
    }
  };
}
