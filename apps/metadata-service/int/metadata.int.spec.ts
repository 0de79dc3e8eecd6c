import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ImageRecord } from '@imgpipe/event-schemas';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
} from '@imgpipe/aws';
import type { LocalStack } from '@imgpipe/testing';
import { jpeg, pngWithAlpha, textAsJpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import sharp from 'sharp';

// The whole local chain: upload → s3rver → bridge → SNS → SQS → runner → this service's
// unchanged handler → DynamoDB.
describe('metadata-service through the local stack', () => {
  let local: LocalStack;
  let upload: (key: string, body: Buffer, metadata?: Record<string, string>) => Promise<void>;
  let recordOf: (key: string) => Promise<ImageRecord>;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['metadata'] });
    const config = awsConfigFromStack(local.stack);
    const s3 = createS3Client(config);
    const records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
    upload = async (key, body, metadata) => {
      await s3.send(
        new PutObjectCommand({
          Bucket: local.stack.buckets.source,
          Key: key,
          Body: body,
          ...(metadata ? { Metadata: metadata } : {}),
        }),
      );
    };
    recordOf = (key) =>
      waitFor(
        async () => {
          const record = await records.get(key);
          return record?.image ? record : undefined;
        },
        { timeoutMs: 60_000, what: `image record of ${key}` },
      );
  }, 90_000);

  afterAll(async () => {
    await local?.stop();
  });

  it.each([
    ['Ana María/beach day.jpg', () => jpeg({ width: 96, height: 64, orientation: 6 })],
    ['c++/日本 + tea.png', () => pngWithAlpha({ width: 40, height: 30 })],
    ['100% real+/x.jpg', () => jpeg({ width: 33, height: 17 })],
  ])(
    'given an upload at %s, then its record holds the true facts of the bytes',
    async (key, make) => {
      const bytes = await make();
      const truth = await sharp(bytes).metadata();

      await upload(key, bytes);
      const record = await recordOf(key);

      const upright = (truth.orientation ?? 1) >= 5;
      expect(record.imageId).toBe(key);
      expect(record.source).toMatchObject({
        bucket: local.stack.buckets.source,
        key,
        size: bytes.length,
      });
      expect(record.image).toMatchObject({
        status: 'done',
        format: truth.format,
        width: upright ? truth.height : truth.width,
        height: upright ? truth.width : truth.height,
        hasAlpha: truth.hasAlpha,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    },
    90_000,
  );

  it('given owner metadata on the upload, then the record is listed under that owner', async () => {
    await upload('owned.jpg', await jpeg(), { owner: 'carla' });

    const record = await recordOf('owned.jpg');

    expect(record).toMatchObject({ ownerId: 'carla', source: { ownerId: 'carla' } });
  }, 90_000);

  it.each([
    ['notes.jpg', textAsJpeg(), 'not-an-image'],
    ['empty file.jpg', Buffer.alloc(0), 'empty'],
  ])(
    'given %s, then the record says rejected with a reason',
    async (key, bytes, code) => {
      await upload(key, bytes);

      const record = await recordOf(key);

      expect(record.image).toMatchObject({
        status: 'rejected',
        code,
        reason: expect.stringMatching(/\w+/),
      });
    },
    90_000,
  );
});
