import { existsSync } from 'node:fs';
import { PublishCommand } from '@aws-sdk/client-sns';
import {
  DynamoImageRecords,
  S3ObjectStore,
  createDynamoDbDocumentClient,
  createS3Client,
  createSnsClient,
} from '@imgpipe/aws';
import type { CommandSpec } from './args';
import { formatCommandHelp, parseCommandArgs } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { EXIT } from './cli-io';
import { reprocessMessage, reprocessSequencer } from './reprocess-event';
import { SSM_PARAMETERS } from './ssm-parameters';
import { TARGET_OPTIONS, chooseTarget, resourceOverrides } from './target-choice';
import { requireResource, resolveTarget } from './target';

/** The `reprocess` command line. */
export const REPROCESS_SPEC: CommandSpec = {
  name: 'reprocess',
  summary: 'run every service again on uploaded images',
  operands: '<key...>',
  minOperands: 1,
  description: [
    "Publishes each source object's upload notification to the upload topic again, with a",
    'sequencer newer than any its image record holds, so every service processes it anew and',
    `overwrites its outputs. On AWS the topic comes from SSM ${SSM_PARAMETERS.uploadTopic}.`,
    '',
    'Exit status: 0 all republished; 1 a key has no source object or publishing failed; 2 a',
    'mistake in the command line.',
  ].join('\n'),
  groups: [TARGET_OPTIONS],
  examples: [
    'imgpipe reprocess photo.jpg',
    'imgpipe reprocess "albums/2024 summer/beach + sunset.jpg" && imgpipe status "albums/2024 summer/beach + sunset.jpg"',
  ],
};

/**
 * `imgpipe reprocess`: republishes the upload notification of each key.
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
  const objects = new S3ObjectStore(createS3Client(target.config));
  const records = new DynamoImageRecords(createDynamoDbDocumentClient(target.config), table);
  const sns = createSnsClient(target.config);

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
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: 'Amazon S3 Notification',
          Message: message,
        }),
      );
      io.stdout.write(`republished ${key} (sequencer ${sequencer})\n`);
    } catch (error) {
      failed += 1;
      io.stderr.write(
        `reprocessing ${JSON.stringify(key)} failed: ${describeAwsError(error, target)}\n`,
      );
    }
  }
  return failed > 0 ? EXIT.failure : EXIT.ok;
}
