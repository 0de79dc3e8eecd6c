import { existsSync } from 'node:fs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  DynamoImageRecords,
  S3ObjectStore,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
} from '@imgpipe/aws';
import { buildSnsEnvelope } from '@imgpipe/event-schemas';
import type { CommandSpec } from './args';
import { formatCommandHelp, parseCommandArgs } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { parseQueueServices } from './dlq-format';
import { EXIT } from './cli-io';
import { reprocessMessage, reprocessSequencer } from './reprocess-event';
import { QUEUE_SERVICES, SSM_PARAMETERS, queueResources } from './ssm-parameters';
import { TARGET_OPTIONS, chooseTarget, resourceOverrides } from './target-choice';
import { requireResource, resolveTarget } from './target';

/** The `reprocess` command line. */
export const REPROCESS_SPEC: CommandSpec = {
  name: 'reprocess',
  summary: 'run every service again on uploaded images',
  operands: '<key...>',
  minOperands: 1,
  description: [
    "Sends each source object's upload notification, as SNS would deliver it, straight to the",
    'queue of every chosen service, with a sequencer newer than any its image record holds, so',
    'each service processes it anew and overwrites its outputs. The upload topic accepts only',
    "S3's own notifications, so nothing is published there. On AWS the queue URLs come from SSM",
    `(e.g. ${SSM_PARAMETERS.resizeQueue}).`,
    '',
    'Exit status: 0 all republished; 1 a key has no source object or publishing failed; 2 a',
    'mistake in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'Reprocess options',
      options: {
        service: {
          type: 'string',
          value: '<list>',
          description: `comma-separated services to run again: ${QUEUE_SERVICES.join(', ')} (default: all)`,
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe reprocess photo.jpg',
    'imgpipe reprocess --service resize,watermark "photos/beach + sunset.jpg"',
    'imgpipe reprocess "albums/2024 summer/beach + sunset.jpg" && imgpipe status "albums/2024 summer/beach + sunset.jpg"',
  ],
};

/**
 * `imgpipe reprocess`: enqueues the upload notification of each key for the chosen services.
 *
 * @example
 * const code = await reprocessCommand(['photo.jpg'], processIo());
 */
export async function reprocessCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(REPROCESS_SPEC, argv);
  if (args.help) {
    io.stdout.write(formatCommandHelp(REPROCESS_SPEC));
    return EXIT.ok;
  }
  const target = await resolveTarget(
    chooseTarget(args, io.env, io.cwd, existsSync, 'reprocess'),
    resourceOverrides(args),
    io.env,
  );
  const bucket = requireResource(target, 'sourceBucket');
  const table = requireResource(target, 'table');
  const topicArn = requireResource(target, 'uploadTopic');
  const serviceOption = args.values['service'];
  const services = parseQueueServices(
    typeof serviceOption === 'string' ? serviceOption.split(',') : ['all'],
    REPROCESS_SPEC.name,
  );
  const queueUrls = services.map((service) => requireResource(target, queueResources(service).queue));
  const objects = new S3ObjectStore(createS3Client(target.config));
  const records = new DynamoImageRecords(createDynamoDbDocumentClient(target.config), table);
  const sqs = createSqsClient(target.config);

  let failed = 0;
  for (const key of args.operands) {
    if (io.signal.aborted) return EXIT.interrupted;
    try {
      const head = await objects.head(bucket, key);
      if (head === undefined) {
        failed += 1;
        io.stderr.write(
          `no source object ${JSON.stringify(key)} in ${bucket}: nothing to reprocess\n`,
        );
        continue;
      }
      const sequencer = reprocessSequencer(await records.get(key));
      const message = reprocessMessage({
        bucket,
        key,
        sequencer,
        size: head.size,
        eTag: head.eTag,
        region: target.config.region,
      });
      for (const QueueUrl of queueUrls) {
        const MessageBody = JSON.stringify(buildSnsEnvelope(message, topicArn));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));
      }
      io.stdout.write(`queued ${key} for ${services.join(', ')} (sequencer ${sequencer})\n`);
    } catch (error) {
      failed += 1;
      io.stderr.write(
        `reprocessing ${JSON.stringify(key)} failed: ${describeAwsError(error, target)}\n`,
      );
    }
  }
  return failed > 0 ? EXIT.failure : EXIT.ok;
}
