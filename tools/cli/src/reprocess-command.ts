import {
  DynamoImageRecords,
  S3ObjectStore,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
  listObjects,
} from '@imgpipe/aws';
import type { ListedObject } from '@imgpipe/aws';
import { createPacer } from '@imgpipe/dlq';
import type { CommandSpec } from './args';
import { flagOption, integerOption, stringOption } from './args';
import { describeAwsError } from './aws-errors';
import { CliError, EXIT, UsageError } from './cli-io';
import { defineCommand } from './command';
import { parseQueueServices } from './dlq-format';
import { LiveLine } from './live-line';
import { formatReprocessLine } from './progress-line';
import { republish } from './reprocess-source';
import { parseSince } from './since-option';
import { QUEUE_SERVICES, SSM_PARAMETERS, queueResources } from './ssm-parameters';
import { requireResource } from './target';
import { TARGET_OPTIONS } from './target-choice';
import { reportMode } from './upload-report';
import { formatElapsed } from './units';

/** Objects republished a second unless `--rate` says otherwise: gentle on a live pipeline. */
const DEFAULT_RATE = 20;

/** The `reprocess` command line. */
export const REPROCESS_SPEC: CommandSpec = {
  name: 'reprocess',
  summary: 'run every service again on uploaded images',
  operands: '[<key...>]',
  minOperands: 0,
  description: [
    "Sends each source object's upload notification, as SNS would deliver it, straight to the",
    'queue of every chosen service, with a sequencer newer than any its image record holds, so',
    'each service processes it anew and overwrites its outputs. The upload topic accepts only',
    "S3's own notifications, so nothing is published there. On AWS the queue URLs come from SSM",
    `(e.g. ${SSM_PARAMETERS.resizeQueue}).`,
    '',
    'Name the keys, or give --prefix for every source object whose key starts with it (--since:',
    'only those modified since then). Objects go at --rate a second, with a progress line on a',
    'terminal (a line per object otherwise) and a summary.',
    '',
    'Exit status: 0 all republished; 1 a key has no source object or publishing failed; 2 a',
    'mistake in the command line; 130 interrupted (no further object is sent).',
  ].join('\n'),
  groups: [
    {
      title: 'Reprocess options',
      options: {
        prefix: {
          type: 'string',
          value: '<prefix>',
          description: 'Every source object whose key starts with prefix ("" for all)',
        },
        since: {
          type: 'string',
          value: '<when>',
          description: 'With --prefix: only objects modified since (2026-11-27, 6h, 2d)',
        },
        service: {
          type: 'string',
          value: '<list>',
          description: `comma-separated services to run again: ${QUEUE_SERVICES.join(', ')} (default: all)`,
        },
        rate: {
          type: 'string',
          value: '<n>',
          description: `At most n objects a second (default: ${DEFAULT_RATE})`,
        },
        json: {
          type: 'boolean',
          description: 'One JSON document: { services, queued: [...], failed: [...] }',
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe reprocess photo.jpg',
    'imgpipe reprocess --service resize,watermark "photos/beach + sunset.jpg"',
    'imgpipe reprocess --prefix "albums/2024 summer/" --since 2d --rate 5',
    'imgpipe reprocess --prefix "" --service metadata --json | jq .failed',
  ],
};

/**
 * `imgpipe reprocess`: enqueues the upload notification of each object for the chosen services.
 *
 * @example
 * const code = await reprocessCommand.run(['--prefix', 'albums/'], processIo());
 */
export const reprocessCommand = defineCommand(REPROCESS_SPEC, async (context) => {
  const { args, io } = context;
  const name = REPROCESS_SPEC.name;
  const prefix = stringOption(args, 'prefix');
  const sinceText = stringOption(args, 'since');
  if ((prefix === undefined) === (args.operands.length === 0))
    throw new UsageError('give either keys or --prefix', name);
  if (sinceText !== undefined && prefix === undefined)
    throw new UsageError('--since selects objects under --prefix: add --prefix', name);
  const since = sinceText === undefined ? undefined : parseSince(sinceText, new Date(), name);
  const rate = integerOption(args, 'rate', { fallback: DEFAULT_RATE, min: 1, max: 1000 }, name);
  const services = parseQueueServices(stringOption(args, 'service')?.split(',') ?? ['all'], name);
  const mode = reportMode(io, flagOption(args, 'json'));
  const target = await context.target();
  const bucket = requireResource(target, 'sourceBucket');
  const s3 = createS3Client(target.config);
  const reprocess = {
    sqs: createSqsClient(target.config),
    records: new DynamoImageRecords(
      createDynamoDbDocumentClient(target.config),
      requireResource(target, 'table'),
    ),
    bucket,
    topicArn: requireResource(target, 'uploadTopic'),
    region: target.config.region,
    queueUrls: services.map((service) => requireResource(target, queueResources(service).queue)),
  };
  const objects = new S3ObjectStore(s3);

  let keys: readonly (ListedObject | string)[] = args.operands;
  if (prefix !== undefined) {
    try {
      keys = await listObjects(s3, bucket, { prefix, ...(since ? { since } : {}) });
    } catch (error) {
      throw new CliError(
        `listing ${bucket} under ${JSON.stringify(prefix)} failed: ${describeAwsError(error, target)}`,
      );
    }
  }
  const queued: { key: string; sequencer: string }[] = [];
  const failed: { key: string; error: string }[] = [];
  const line = mode === 'live' ? new LiveLine(io.stdout) : undefined;
  const started = Date.now();
  const redraw = () =>
    line?.update((width) =>
      formatReprocessLine(
        {
          done: queued.length + failed.length,
          failed: failed.length,
          total: keys.length,
          elapsedMs: Date.now() - started,
        },
        width,
      ),
    );
  const fail = (key: string, error: string) => {
    failed.push({ key, error });
    if (line) line.log(io.stderr, error);
    else io.stderr.write(`${error}\n`);
  };
  const pace = createPacer(rate);
  redraw();
  for (const item of keys) {
    if (io.signal.aborted) break;
    const key = typeof item === 'string' ? item : item.key;
    await pace(1);
    try {
      const object = typeof item === 'string' ? await headOf(objects, bucket, item) : item;
      if (object === undefined) {
        fail(key, `no source object ${JSON.stringify(key)} in ${bucket}: nothing to reprocess`);
        continue;
      }
      const sequencer = await republish(reprocess, object);
      queued.push({ key, sequencer });
      if (mode === 'plain')
        io.stdout.write(`queued ${key} for ${services.join(', ')} (sequencer ${sequencer})\n`);
    } catch (error) {
      fail(key, `reprocessing ${JSON.stringify(key)} failed: ${describeAwsError(error, target)}`);
    }
    redraw();
  }
  line?.end();
  if (mode === 'json') io.stdout.write(`${JSON.stringify({ services, queued, failed })}\n`);
  else
    io.stdout.write(
      `Queued ${queued.length} of ${keys.length} objects for ${services.join(', ')} in ${formatElapsed(Date.now() - started)}${failed.length > 0 ? `; ${failed.length} failed` : ''}\n`,
    );
  if (io.signal.aborted) return EXIT.interrupted;
  return failed.length > 0 ? EXIT.failure : EXIT.ok;
});

async function headOf(
  objects: S3ObjectStore,
  bucket: string,
  key: string,
): Promise<ListedObject | undefined> {
  const head = await objects.head(bucket, key);
  return head === undefined ? undefined : { key, size: head.size, eTag: head.eTag };
}
