import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
  DynamoImageRecords,
} from '@imgpipe/aws';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { isRecordComplete } from '@imgpipe/event-schemas';
import { jpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack } from '@imgpipe/testing';
import { LONG_SEGMENT_KEY, MAX_KEY, THOUSAND_BYTE_KEY } from './testing/long-keys';

jest.setTimeout(180_000);

describe('long S3 keys through the whole pipeline', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let sqs: ReturnType<typeof createSqsClient>;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['resize', 'watermark', 'metadata'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    sqs = createSqsClient(config);
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
      { timeoutMs: 120_000, intervalMs: 250, what: `a complete record for ${key}` },
    );
  }

  async function processedKeys(prefix: string): Promise<string[]> {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: local.stack.buckets.processed, Prefix: prefix }),
    );
    return (page.Contents ?? []).map((object) => object.Key ?? '');
  }

  async function messagesIn(queueUrl: string): Promise<number> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.['ApproximateNumberOfMessages'] ?? -1) +
      Number(Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? -1)
    );
  }

  it.each([
    ['a 1,000-byte key', THOUSAND_BYTE_KEY],
    ['a key with a 300-byte segment', LONG_SEGMENT_KEY],
  ])(
    'given an image uploaded under %s, then every stage is done and every listed output exists',
    async (_, key) => {
      const body = await jpeg({ width: 64, height: 48 });

      const record = await upload(key, body);

      expect(record.imageId).toBe(key);
      expect(record.source).toMatchObject({
        bucket: local.stack.buckets.source,
        key,
        size: body.length,
        ownerId: 'long',
      });
      expect(record.image).toMatchObject({ status: 'done', format: 'jpeg', width: 64, height: 48 });
      if (record.resize?.status !== 'done' || record.watermark?.status !== 'done') {
        throw new Error(`stages: ${JSON.stringify([record.resize, record.watermark])}`);
      }
      const outputs = [...record.resize.outputs, ...record.watermark.outputs];
      expect(outputs.map((output) => output.key)).toEqual([
        `resized/${key}/64w.webp`,
        `resized/${key}/64w.jpg`,
        `resized/${key}/thumb-200.webp`,
        `resized/${key}/thumb-200.jpg`,
        `watermarked/${key}.jpg`,
      ]);
      for (const output of outputs) {
        const head = await s3.send(
          new HeadObjectCommand({ Bucket: local.stack.buckets.processed, Key: output.key }),
        );
        expect(head.ContentLength).toBe(output.bytes);
      }
    },
  );

  it('given an image uploaded under a 1,024-byte key, then metadata is done and resize and watermark reject it as too long for their outputs, writing nothing', async () => {
    const record = await upload(MAX_KEY, await jpeg({ width: 64, height: 48 }));

    expect(record.image).toMatchObject({ status: 'done', format: 'jpeg', width: 64, height: 48 });
    expect(record.resize).toMatchObject({
      status: 'rejected',
      code: 'output-key-too-long',
      reason:
        'source key is 1,024 bytes of UTF-8, so output key resized/<source key>/thumb-200.webp ' +
        "would be 1,047 bytes, over S3's 1,024-byte key limit (source keys up to 1,001 bytes fit)",
    });
    expect(record.watermark).toMatchObject({
      status: 'rejected',
      code: 'output-key-too-long',
      reason: expect.stringContaining('source key is 1,024 bytes of UTF-8'),
    });
    // The output prefixes themselves are over S3's limit, so list the folder above them.
    const written = [
      ...(await processedKeys('resized/long/')),
      ...(await processedKeys('watermarked/long/')),
    ].filter((key) => key.includes(MAX_KEY));
    expect(written).toEqual([]);
  });

  it('given all of the above, then every message was acknowledged and no dead-letter queue holds one', async () => {
    const queues = Object.values(local.stack.queues);

    const inFlight = await waitFor(
      async () => {
        const counts = await Promise.all(queues.map((pair) => messagesIn(pair.url)));
        return counts.every((count) => count === 0) ? counts : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'every service queue drained' },
    );
    const dead = await Promise.all(queues.map((pair) => messagesIn(pair.dlqUrl)));

    expect(inFlight).toEqual([0, 0, 0]);
    expect(dead).toEqual([0, 0, 0]);
  });
});
