import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createS3Client, createSqsClient } from '@imgpipe/aws';
import type { StackDescription } from '@imgpipe/aws';
import {
  parseImageEvents,
  s3EventNotificationSchema,
  snsEnvelopeSchema,
} from '@imgpipe/event-schemas';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack } from '@imgpipe/testing';

jest.setTimeout(120_000);

/** The next message of a queue nobody else consumes, deleted once read. */
async function nextBody(sqs: SQSClient, queueUrl: string): Promise<string> {
  return waitFor(
    async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: 2,
        }),
      );
      const message = out.Messages?.[0];
      if (!message?.Body) return undefined;
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      return message.Body;
    },
    { timeoutMs: 60_000, what: `a message in ${queueUrl}` },
  );
}

describe('the local stack (no services running)', () => {
  let local: LocalStack;
  let stack: StackDescription;

  beforeAll(async () => {
    local = await startLocalStack({ services: [] });
    stack = local.stack;
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('describes itself in stack.json: region, credentials, endpoints on 127.0.0.1, every resource', () => {
    expect(stack.region).toBe('us-east-1');
    expect(stack.credentials).toEqual({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    for (const endpoint of Object.values(stack.endpoints))
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(stack.endpoints.sns).toBe(stack.endpoints.sqs);
    expect(stack.buckets).toEqual({ source: 'imgpipe-source', processed: 'imgpipe-processed' });
    expect(stack.topicArn).toBe('arn:aws:sns:us-east-1:000000000000:imgpipe-uploads');
    expect(stack.table).toBe('imgpipe-images');
    for (const service of ['resize', 'watermark', 'metadata'] as const) {
      expect(stack.queues[service]).toEqual({
        name: `imgpipe-${service}`,
        url: expect.stringMatching(new RegExp(`/000000000000/imgpipe-${service}$`)),
        arn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${service}`,
        dlqName: `imgpipe-${service}-dlq`,
        dlqUrl: expect.stringMatching(new RegExp(`/000000000000/imgpipe-${service}-dlq$`)),
        dlqArn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${service}-dlq`,
      });
    }
    expect(existsSync(join(stack.dataDir, 'stack.json'))).toBe(true);
    expect(stack.pid).toBeGreaterThan(0);
    expect(new Date(stack.startedAt).toISOString()).toBe(stack.startedAt);
  });

  it('creates the image table keyed by imageId with the byOwner index', async () => {
    const dynamodb = new DynamoDBClient({
      region: stack.region,
      endpoint: stack.endpoints.dynamodb,
      credentials: stack.credentials,
    });

    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: stack.table }));

    expect(Table?.KeySchema).toEqual([{ AttributeName: 'imageId', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byOwner',
      KeySchema: [
        { AttributeName: 'ownerId', KeyType: 'HASH' },
        { AttributeName: 'uploadedAt', KeyType: 'RANGE' },
      ],
    });
  });

  it('turns an upload whose key has spaces, unicode and + into an S3 notification in every queue, key encoded as AWS does', async () => {
    const config = awsConfigFromStack(stack);
    const s3 = createS3Client(config);
    const sqs = createSqsClient(config);
    const key = 'my photos/café + tea ☕.jpg';
    const body = Buffer.from('not really a jpeg, but bytes all the same');

    await s3.send(
      new PutObjectCommand({
        Bucket: stack.buckets.source,
        Key: key,
        Body: body,
        ContentType: 'image/jpeg',
      }),
    );
    const sqsBody = await nextBody(sqs, stack.queues.metadata.url);

    const envelope = snsEnvelopeSchema.parse(JSON.parse(sqsBody));
    expect(envelope.Type).toBe('Notification');
    expect(envelope.TopicArn).toBe(stack.topicArn);
    const [record] = s3EventNotificationSchema.parse(JSON.parse(envelope.Message)).Records;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: stack.buckets.source, arn: `arn:aws:s3:::${stack.buckets.source}` },
        object: {
          key: 'my+photos/caf%C3%A9+%2B+tea+%E2%98%95.jpg',
          size: body.length,
          eTag: createHash('md5').update(body).digest('hex'),
        },
      },
    });
    const [event] = parseImageEvents(sqsBody);
    expect(event?.key).toBe(key);
    expect(event?.bucket).toBe(stack.buckets.source);

    const fannedOut = await Promise.all([
      nextBody(sqs, stack.queues.resize.url),
      nextBody(sqs, stack.queues.watermark.url),
    ]);
    expect(fannedOut.map((other) => parseImageEvents(other)[0]?.key)).toEqual([key, key]);
    expect(fannedOut.map((other) => parseImageEvents(other)[0]?.sequencer)).toEqual([
      event?.sequencer,
      event?.sequencer,
    ]);
  });

  it('reads size and eTag of a copied object (s3rver’s copy event has no eTag), and the copy gets a newer sequencer', async () => {
    const config = awsConfigFromStack(stack);
    const s3 = createS3Client(config);
    const sqs = createSqsClient(config);
    const body = Buffer.from('copied bytes');
    await s3.send(
      new PutObjectCommand({ Bucket: stack.buckets.source, Key: 'original.png', Body: body }),
    );
    const original = parseImageEvents(await nextBody(sqs, stack.queues.metadata.url))[0];

    await s3.send(
      new CopyObjectCommand({
        Bucket: stack.buckets.source,
        Key: 'copies/1+1.png',
        CopySource: `${stack.buckets.source}/original.png`,
      }),
    );
    const copy = parseImageEvents(await nextBody(sqs, stack.queues.metadata.url))[0];

    expect(copy).toMatchObject({
      key: 'copies/1+1.png',
      eventName: 'ObjectCreated:Copy',
      size: body.length,
      eTag: createHash('md5').update(body).digest('hex'),
    });
    expect(copy && original && copy.sequencer > original.sequencer).toBe(true);
  });

  it('turns a completed multipart upload into a notification with the whole object’s size', async () => {
    const config = awsConfigFromStack(stack);
    const s3 = createS3Client(config);
    const sqs = createSqsClient(config);
    const [bucket, key, body] = [stack.buckets.source, 'big/multi part.jpg', Buffer.alloc(4096, 7)];

    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: body }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const [event] = parseImageEvents(await nextBody(sqs, stack.queues.metadata.url));

    // s3rver names a multipart completion ObjectCreated:Post; services accept any ObjectCreated.
    expect(event).toMatchObject({ key, eventName: 'ObjectCreated:Post', size: body.length });
    expect(event?.eTag).toMatch(/^[0-9a-f]{32}/);
  });

  it('publishes nothing for writes to the processed bucket', async () => {
    const config = awsConfigFromStack(stack);
    const s3 = createS3Client(config);
    const sqs = createSqsClient(config);

    await s3.send(
      new PutObjectCommand({
        Bucket: stack.buckets.processed,
        Key: 'resized/x.jpg/320w.webp',
        Body: Buffer.from('out'),
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.buckets.source,
        Key: 'after.jpg',
        Body: Buffer.from('in'),
      }),
    );

    expect(parseImageEvents(await nextBody(sqs, stack.queues.metadata.url))[0]?.key).toBe(
      'after.jpg',
    );
  });
});
