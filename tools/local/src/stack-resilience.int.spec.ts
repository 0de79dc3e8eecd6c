import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createS3Client, createSqsClient } from '@imgpipe/aws';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack } from '@imgpipe/testing';

jest.setTimeout(120_000);

/** Sends the start of a request that promises more body than it sends, then hangs up. */
function hangUpMidRequest(endpoint: string, head: string): Promise<void> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${head}\r\nHost: ${hostname}\r\nContent-Length: 1000\r\n\r\n{"partial":`);
      // Once the server has the headers and some of the body, the client goes away.
      setTimeout(() => socket.destroy(), 200);
    });
    socket.on('close', () => done());
    socket.on('error', fail);
  });
}

describe('no single request can stop the local stack', () => {
  let local: LocalStack;
  let s3: S3Client;
  let bucket: string;

  beforeAll(async () => {
    local = await startLocalStack({ services: [] });
    s3 = createS3Client(awsConfigFromStack(local.stack));
    bucket = local.stack.buckets.processed;
  });
  afterAll(async () => {
    await local?.stop();
  });

  /** An ordinary upload and download still work, so the stack is still serving. */
  async function expectS3Serving(key: string): Promise<void> {
    const body = Buffer.from(`still serving ${key}`);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? []).equals(body)).toBe(true);
  }

  it('given a folder where an object’s file must go, when the object is put, then S3 answers 500 InternalError, says so on stderr, and serves the next upload', async () => {
    mkdirSync(join(local.stack.dataDir, 's3', bucket, 'blocked.jpg._S3rver_object'), {
      recursive: true,
    });

    const putting = s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'blocked.jpg', Body: 'bytes the disk refuses' }),
    );

    // The SDK names the error after the `<Code>` of S3's XML answer.
    await expect(putting).rejects.toMatchObject({
      name: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
      $metadata: { httpStatusCode: 500 },
    });
    await waitFor(
      () =>
        /s3: PUT \/imgpipe-processed\/blocked\.jpg answered 500 InternalError: .*EISDIR/.test(
          local.output(),
        ),
      { what: 'the error line on stderr' },
    );
    await expectS3Serving('after-store-failure.jpg');
  });

  it('given a multipart upload, when it is completed with a part never uploaded, then S3 answers InvalidPart and serves the next upload', async () => {
    const key = 'parts/missing.jpg';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: 'one' }),
    );

    const completing = s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag },
            { PartNumber: 2, ETag: '"0123456789abcdef0123456789abcdef"' },
          ],
        },
      }),
    );

    await expect(completing).rejects.toMatchObject({
      name: 'InvalidPart',
      $metadata: { httpStatusCode: 400 },
    });
    await expectS3Serving('after-invalid-part.jpg');
  });

  it('given a client that hangs up in the middle of a PUT, then S3 serves the next upload', async () => {
    await hangUpMidRequest(local.stack.endpoints.s3, `PUT /${bucket}/half.jpg HTTP/1.1`);

    await expectS3Serving('after-hang-up.jpg');
  });

  it('given a client that hangs up in the middle of a DynamoDB request, then DynamoDB serves the next request', async () => {
    const dynamodb = new DynamoDBClient({
      region: local.stack.region,
      endpoint: local.stack.endpoints.dynamodb,
      credentials: local.stack.credentials,
    });

    await hangUpMidRequest(
      local.stack.endpoints.dynamodb,
      'POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.0',
    );
    const { Table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: local.stack.table }),
    );

    expect(Table?.TableName).toBe(local.stack.table);
  });

  it('given an SQS request fauxqs throws on, then it answers 500 InternalError as SQS does, says so on stderr, and serves the next request', async () => {
    const sqs = createSqsClient(awsConfigFromStack(local.stack));
    const broken = createSqsClient(awsConfigFromStack(local.stack));
    // A queue name that is not a string (signed like any other request) makes fauxqs throw.
    broken.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { body?: unknown; headers: Record<string, string> };
        request.body = '{"QueueName":{"not":"a string"}}';
        request.headers['content-length'] = String(Buffer.byteLength(request.body as string));
        return next(args);
      },
      { step: 'build' },
    );

    await expect(
      broken.send(new CreateQueueCommand({ QueueName: 'ignored' })),
    ).rejects.toMatchObject({
      name: 'InternalError',
      $metadata: { httpStatusCode: 500 },
    });
    await waitFor(
      () => /sqs\/sns: AmazonSQS\.CreateQueue answered 500 InternalError/.test(local.output()),
      { what: 'the error line on stderr' },
    );
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls).toContain(local.stack.queues.metadata.url);
  });
});
