import { DynamoImageRecords, createDynamoDbDocumentClient } from '@imgpipe/aws';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { imageRecordSchema } from '@imgpipe/event-schemas';
import type { CommandSpec } from './args';
import { flagOption } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { CliError, EXIT } from './cli-io';
import { defineCommand } from './command';
import { formatImageRecord } from './record-format';
import { TARGET_OPTIONS } from './target-choice';
import { requireResource } from './target';

/** The `status` command line. */
export const STATUS_SPEC: CommandSpec = {
  name: 'status',
  summary: 'show the image record of each key',
  operands: '<key...>',
  minOperands: 1,
  description: [
    "Prints each key's image record: the source object, the facts read from the image, and",
    'each stage (image, resize, watermark) as done with its outputs, rejected with the reason,',
    'deleted (its source was deleted; what it removed) or pending. A key is the source object',
    'key exactly as uploaded (quote it if it has spaces).',
    '',
    'Exit status: 0 every key has a record; 1 a key has none (or the read failed); 2 a mistake',
    'in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'Output',
      options: {
        json: {
          type: 'boolean',
          description: 'Print each record as stored, one JSON object per line',
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe status photo.jpg',
    'imgpipe status "albums/2024 summer/beach + sunset.jpg"',
    'imgpipe status a.jpg b.jpg --json | jq .resize.outputs',
    'imgpipe status photo.jpg --region eu-west-1 --stage staging',
  ],
};

/**
 * `imgpipe status`: reads and prints the image record of each key.
 *
 * @example
 * const code = await statusCommand.run(['photo.jpg', '--json'], processIo());
 */
export const statusCommand = defineCommand(STATUS_SPEC, async (context) => {
  const { args, io } = context;
  const json = flagOption(args, 'json');
  const target = await context.target();
  const table = requireResource(target, 'table');
  const records = new DynamoImageRecords(createDynamoDbDocumentClient(target.config), table);
  const processedBucket = target.resources.processedBucket;

  let missing = 0;
  for (const [i, key] of args.operands.entries()) {
    let record: ImageRecord | undefined;
    try {
      record = await records.get(key);
    } catch (error) {
      throw new CliError(
        `reading ${JSON.stringify(key)} from ${table} failed: ${describeAwsError(error, target)}`,
      );
    }
    if (record === undefined) {
      missing += 1;
      io.stderr.write(
        `no record for ${JSON.stringify(key)} in ${table}: not uploaded, or not processed yet\n`,
      );
    } else if (json) {
      io.stdout.write(`${JSON.stringify(record)}\n`);
    } else {
      io.stdout.write(`${i > 0 ? '\n' : ''}${describe(record, processedBucket, io)}\n`);
    }
  }
  return missing > 0 ? EXIT.failure : EXIT.ok;
});

function describe(record: ImageRecord, processedBucket: string | undefined, io: CliIo): string {
  const parsed = imageRecordSchema.safeParse(record);
  if (parsed.success)
    return formatImageRecord(parsed.data, processedBucket ? { processedBucket } : {});
  // A record a service wrote in a newer or broken shape is still worth seeing as it is.
  io.stderr.write(
    `the record for ${JSON.stringify(record.imageId)} does not match the schema: ${parsed.error.message}\n`,
  );
  return JSON.stringify(record, null, 2);
}
