import { setTimeout as delay } from 'node:timers/promises';
import {
  DynamoImageRecords,
  S3ObjectStore,
  createDynamoDbDocumentClient,
  createS3Client,
} from '@imgpipe/aws';
import type { ObjectStore } from '@imgpipe/aws';
import type { CommandSpec } from './args';
import { flagOption, integerOption } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { CliError } from './cli-io';
import { defineCommand } from './command';
import type { DeleteOutcome } from './delete-format';
import {
  deleteExitCode,
  deleteJson,
  deleteLine,
  formatDeleteSummary,
  formatDeletionWaitSummary,
} from './delete-format';
import { LiveLine } from './live-line';
import { formatWaitLine } from './progress-line';
import { formatDuration } from './units';
import type { Target } from './target';
import { requireResource } from './target';
import { TARGET_OPTIONS } from './target-choice';
import type { ReportMode } from './upload-report';
import { reportMode } from './upload-report';
import type { ProcessingResult } from './wait-for-processing';
import { waitForProcessing } from './wait-for-processing';

/** The `delete` command line. */
export const DELETE_SPEC: CommandSpec = {
  name: 'delete',
  summary: 'delete source objects; each service then removes what it made of them',
  operands: '<key...>',
  minOperands: 1,
  description: [
    'Deletes each source object (DeleteObject on the source bucket). S3 then notifies the',
    'pipeline (s3:ObjectRemoved:*, through the same topic as uploads): each service removes',
    'the outputs it wrote and marks its stage of the image record deleted. A key is the source',
    'object key exactly as uploaded (quote it if it has spaces); a key with no object is',
    'reported and left alone.',
    '',
    'With --wait it then follows each deleted key until every stage of its record says',
    'deleted, with a progress line on a terminal, or until --timeout.',
    '',
    'Exit status: 0 deleted (and, with --wait, every record says deleted); 1 a delete failed or',
    'the wait timed out; 2 a mistake in the command line; 3 nothing to do: no key had an',
    'object; 130 interrupted (no further key is deleted).',
  ].join('\n'),
  groups: [
    {
      title: 'Delete',
      options: {
        wait: {
          type: 'boolean',
          description: 'After deleting, wait until every stage of each record says deleted',
        },
        timeout: {
          type: 'string',
          value: '<seconds>',
          description: 'Give up waiting after this long (default: 300)',
        },
        json: {
          type: 'boolean',
          description: 'One JSON object per key: its outcome (with --wait, its stages)',
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe delete photo.jpg',
    'imgpipe delete "albums/2024 summer/beach + sunset.jpg" --wait',
    'imgpipe delete a.jpg b.jpg --json | jq -r "select(.outcome == \\"missing\\") | .key"',
    'imgpipe delete photo.jpg --profile prod-admin --stage prod --wait --timeout 120',
  ],
};

const POLL_INTERVAL_MS = 1000;

/**
 * `imgpipe delete`: deletes source objects, and with `--wait` follows their records until
 * every stage says deleted.
 *
 * @example
 * const code = await deleteCommand.run(['photo.jpg', '--wait'], processIo());
 */
export const deleteCommand = defineCommand(DELETE_SPEC, async (context) => {
  const { args, io } = context;
  const wait = flagOption(args, 'wait');
  const timeoutMs =
    integerOption(args, 'timeout', { fallback: 300, min: 1, max: 86_400 }, DELETE_SPEC.name) * 1000;
  const mode = reportMode(io, flagOption(args, 'json'));
  // A key named twice is deleted once.
  const keys = [...new Set(args.operands)];
  const target = await context.target();
  const bucket = requireResource(target, 'sourceBucket');
  const table = wait ? requireResource(target, 'table') : undefined;
  const store = new S3ObjectStore(createS3Client(target.config));

  const started = Date.now();
  const outcomes: DeleteOutcome[] = [];
  for (const key of keys) {
    if (io.signal.aborted) break;
    const outcome = await deleteOne(store, bucket, key, target);
    outcomes.push(outcome);
    if (mode === 'json') continue;
    const line = deleteLine(outcome, bucket);
    io[line.stream].write(`${line.text}\n`);
  }
  if (mode !== 'json')
    io.stdout.write(`${formatDeleteSummary(outcomes, bucket, Date.now() - started)}\n`);

  const deleted = outcomes.filter((o) => o.outcome === 'deleted').map((o) => o.key);
  const waited =
    table !== undefined && deleted.length > 0 && !io.signal.aborted
      ? await waitForDeletion(deleted, { target, table, timeoutMs, mode }, io)
      : undefined;
  if (mode === 'json') {
    const byKey = new Map(waited?.map((result) => [result.key, result]));
    for (const outcome of outcomes)
      io.stdout.write(`${deleteJson(outcome, wait ? byKey.get(outcome.key) : undefined)}\n`);
  } else if (waited !== undefined) {
    io.stdout.write(`${formatDeletionWaitSummary(waited, timeoutMs)}\n`);
  }
  return deleteExitCode(outcomes, waited, io.signal.aborted);
});

/** HEAD first: DeleteObject answers the same for a key that never had an object. */
async function deleteOne(
  store: Pick<ObjectStore, 'head' | 'delete'>,
  bucket: string,
  key: string,
  target: Target,
): Promise<DeleteOutcome> {
  try {
    if ((await store.head(bucket, key)) === undefined) return { key, outcome: 'missing' };
    await store.delete(bucket, key);
    return { key, outcome: 'deleted' };
  } catch (error) {
    return { key, outcome: 'failed', error: describeAwsError(error, target) };
  }
}

async function waitForDeletion(
  keys: readonly string[],
  options: {
    readonly target: Target;
    readonly table: string;
    readonly timeoutMs: number;
    readonly mode: ReportMode;
  },
  io: CliIo,
): Promise<ProcessingResult[]> {
  const { target, table, timeoutMs, mode } = options;
  const records = new DynamoImageRecords(createDynamoDbDocumentClient(target.config), table);
  const line = mode === 'live' ? new LiveLine(io.stdout) : undefined;
  if (mode !== 'json')
    io.stdout.write(
      `Waiting up to ${formatDuration(timeoutMs)} for every stage of ${keys.length} record${keys.length === 1 ? '' : 's'} to say deleted\n`,
    );
  try {
    return await waitForProcessing(
      keys.map((key) => ({ key })),
      {
        getRecord: (key) => records.get(key),
        now: Date.now,
        sleep: (ms, signal) =>
          delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined),
        onProgress: (progress) =>
          line?.update((width) => formatWaitLine(progress, width, 'Deleting')),
        onEnded: (result) => {
          if (mode === 'json') return;
          const text = `removed   ${result.key}: every stage says deleted`;
          if (line) line.log(io.stdout, text);
          else io.stdout.write(`${text}\n`);
        },
      },
      {
        timeoutMs,
        intervalMs: POLL_INTERVAL_MS,
        signal: io.signal,
        until: (state) => state.state === 'deleted',
      },
    );
  } catch (error) {
    throw new CliError(
      `reading the image table ${table} failed: ${describeAwsError(error, target)}`,
    );
  } finally {
    line?.end();
  }
}
