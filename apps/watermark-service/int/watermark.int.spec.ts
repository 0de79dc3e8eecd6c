import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
} from '@imgpipe/aws';
import type { ImageRecord, OutputStage } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { animatedGif, jpeg, pngWithAlpha, svg, textAsJpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import sharp from 'sharp';

// The whole local chain: upload → s3rver → bridge → SNS → SQS → runner → this service's
// unchanged handler → processed bucket and DynamoDB.
describe('watermark-service through the local stack', () => {
  let local: LocalStack;
  let s3: S3Client;
  let upload: (key: string, body: Buffer) => Promise<void>;
  let watermarkOf: (key: string) => Promise<OutputStage>;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['watermark'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    const records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
    upload = async (key, body) => {
      await s3.send(
        new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: body }),
      );
    };
    watermarkOf = (key) =>
      waitFor(async () => (await records.get(key))?.watermark, {
        timeoutMs: 60_000,
        what: `watermark stage of ${key}`,
      }).then((stage: ImageRecord['watermark']) => stage as OutputStage);
  }, 90_000);

  afterAll(async () => {
    await local?.stop();
  });

  async function download(key: string): Promise<{ body: Buffer; contentType: string | undefined }> {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: local.stack.buckets.processed, Key: key }),
    );
    if (object.Body === undefined) throw new Error(`no body for ${key}`);
    return {
      body: Buffer.from(await object.Body.transformToByteArray()),
      contentType: object.ContentType,
    };
  }

  it.each([
    [
      'Ana María/beach day.jpg',
      () => jpeg({ width: 2200, height: 1100, orientation: 6 }),
      'jpeg',
      'image/jpeg',
      'jpg',
      2048,
      1024,
      1,
    ],
    [
      'c++/日本 + tea.png',
      () => pngWithAlpha({ width: 400, height: 300 }),
      'png',
      'image/png',
      'png',
      400,
      300,
      1,
    ],
    [
      '100% real+/loop.gif',
      () => animatedGif({ width: 120, height: 90, frames: 4 }),
      'webp',
      'image/webp',
      'webp',
      120,
      90,
      4,
    ],
  ])(
    'given an upload at %s, then a watermarked copy of the right size and type is stored and recorded',
    async (key, make, format, contentType, extension, width, height, pages) => {
      await upload(key, await make());

      const stage = await watermarkOf(key);

      const outputKey = `watermarked/${key}.${extension}`;
      expect(stage).toMatchObject({
        status: 'done',
        outputs: [{ key: outputKey, format, width, height }],
      });
      const stored = await download(outputKey);
      const metadata = await sharp(stored.body).metadata();
      expect(stored.contentType).toBe(contentType);
      expect(metadata).toMatchObject({ format, width });
      expect(metadata.pageHeight ?? metadata.height).toBe(height);
      expect(metadata.pages ?? 1).toBe(pages);
    },
    90_000,
  );

  it.each([
    ['notes.jpg', () => textAsJpeg(), 'not-an-image'],
    ['drawing.png', () => svg(), 'svg-not-allowed'],
  ])(
    'given %s, then the watermark stage is rejected with a reason',
    async (key, make, code) => {
      await upload(key, make());

      const stage = await watermarkOf(key);

      expect(stage).toMatchObject({
        status: 'rejected',
        code,
        reason: expect.stringMatching(/\w+/),
      });
    },
    90_000,
  );
});
