import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
} from '@imgpipe/aws';
import { jpeg, startLocalStack, waitFor } from '@imgpipe/testing';
import type { LocalStack } from '@imgpipe/testing';
import { LONG_SEGMENT_KEY, MAX_KEY, THOUSAND_BYTE_KEY } from './testing/long-keys';

jest.setTimeout(180_000);

describe('long S3 keys through the pipeline (metadata service)', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['metadata'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
  }, 120_000);
  afterAll(async () => {
    await local?.stop();
  });

  it.each([
    ['a 1,000-byte key', THOUSAND_BYTE_KEY],
    ['a key with a 300-byte segment', LONG_SEGMENT_KEY],
    ['a 1,024-byte key', MAX_KEY],
  ])(
    'given an image uploaded under %s, then its record holds the exact key and the image’s facts',
    async (_, key) => {
      const body = await jpeg({ width: 64, height: 48 });

      await s3.send(
        new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: body }),
      );
      const record = await waitFor(
        async () => {
          const found = await records.get(key);
          return found?.image !== undefined ? found : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 250, what: `the image record for ${key}` },
      );

      expect(record.imageId).toBe(key);
      expect(record.source).toMatchObject({
        bucket: local.stack.buckets.source,
        key,
        size: body.length,
        ownerId: 'long',
      });
      expect(record.image).toMatchObject({ status: 'done', format: 'jpeg', width: 64, height: 48 });
    },
  );
});
