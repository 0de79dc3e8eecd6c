import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
  DynamoImageRecords,
} from '@imgpipe/aws';
import type { ImageRecord, OutputFile } from '@imgpipe/event-schemas';
import { isRecordComplete } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { animatedGif, jpeg, pngWithAlpha, textAsJpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import sharp from 'sharp';

// Every service at once, as `npm start` runs them: one upload ends in a complete record
// whose every listed output exists with the recorded type and dimensions.
describe('the whole pipeline through the local stack', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['resize', 'watermark', 'metadata'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  async function upload(key: string, body: Buffer): Promise<ImageRecord> {
    await s3.send(
      new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: body }),
    );
    return waitFor(
      async () => {
        const record = await records.get(key);
        return isRecordComplete(record) ? record : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: `a complete record for ${key}` },
    );
  }

  async function stored(output: OutputFile) {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: local.stack.buckets.processed, Key: output.key }),
    );
    const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    const meta = await sharp(bytes).metadata();
    return {
      contentType: object.ContentType,
      bytes: bytes.length,
      format: meta.format,
      width: meta.width,
      height: meta.height,
    };
  }

  function outputsOf(record: ImageRecord): OutputFile[] {
    const done = [record.resize, record.watermark].filter((stage) => stage?.status === 'done');
    return done.flatMap((stage) => (stage?.status === 'done' ? stage.outputs : []));
  }

  it.each([
    [
      'Ana María/beach + sun ☀.jpg',
      () => jpeg({ width: 1200, height: 900, orientation: 6 }),
      1200,
      900,
    ],
    ['logos/c++ mark.png', () => pngWithAlpha({ width: 640, height: 320 }), 640, 320],
    ['anim/spin 100%.gif', () => animatedGif({ width: 96, height: 96, frames: 4 }), 96, 96],
  ])(
    'given %s, then every stage is done and each recorded output is stored as recorded',
    async (key, make, width, height) => {
      const record = await upload(key, await make());

      expect(record.image).toMatchObject({ status: 'done', width, height });
      expect(record.resize?.status).toBe('done');
      expect(record.watermark?.status).toBe('done');
      const outputs = outputsOf(record);
      expect(outputs.some((o) => o.key.startsWith(`resized/${key}/`))).toBe(true);
      expect(outputs.some((o) => o.key.startsWith(`watermarked/${key}.`))).toBe(true);
      for (const output of outputs) {
        const actual = await stored(output);
        expect({ key: output.key, ...actual }).toEqual({
          key: output.key,
          contentType: `image/${output.format}`,
          bytes: output.bytes,
          format: output.format,
          width: output.width,
          height: output.height,
        });
      }
    },
    120_000,
  );

  it('given a text file named .jpg, then every stage records the same readable rejection and no output exists', async () => {
    const record = await upload('notes/todo.jpg', textAsJpeg());

    for (const stage of [record.image, record.resize, record.watermark]) {
      expect(stage).toMatchObject({
        status: 'rejected',
        code: 'not-an-image',
        reason: expect.stringContaining('not an image'),
      });
    }
    const listed = await Promise.all(
      ['resized/notes/todo.jpg/', 'watermarked/notes/todo.jpg.'].map((Prefix) =>
        s3.send(new ListObjectsV2Command({ Bucket: local.stack.buckets.processed, Prefix })),
      ),
    );
    expect(listed.map((page) => page.KeyCount)).toEqual([0, 0]);
  }, 120_000);

  it('given all of the above, then nothing was left in any dead-letter queue', async () => {
    const sqs = createSqsClient(awsConfigFromStack(local.stack));

    const depths = await Promise.all(
      Object.values(local.stack.queues).map(async (pair) => {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: pair.dlqUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        );
        return Number(Attributes?.['ApproximateNumberOfMessages'] ?? -1);
      }),
    );

    expect(depths).toEqual([0, 0, 0]);
  });
});
