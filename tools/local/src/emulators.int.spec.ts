import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createS3Client, createSqsClient } from '@imgpipe/aws';
import { waitFor } from '@imgpipe/testing';
import { CREDENTIALS, REGION } from './stack-runtime';

jest.setTimeout(120_000);

const REPO_ROOT = resolve(__dirname, '../../..');

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

// The emulators with nothing in front of them (the stack puts IAM gateways there), in a
// process of their own: an error nobody handles would end it, as it would end `npm start`.
describe('the emulators, reached directly', () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';
  let endpoints: { s3: string; dynamodb: string; sqs: string };
  let s3: S3Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'imgpipe-emulators-'));
    const tsx = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
    child = spawn(
      process.execPath,
      ['--import', tsx, join(__dirname, 'testing/serve-emulators.ts'), dataDir],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.base.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    endpoints = await waitFor(
      () => {
        const line = output.split('\n').find((text) => text.startsWith('{'));
        return line === undefined ? undefined : (JSON.parse(line) as typeof endpoints);
      },
      { timeoutMs: 60_000, what: 'the emulators’ endpoints' },
    );
    s3 = createS3Client({
      region: REGION,
      endpoints: { s3: endpoints.s3 },
      credentials: { ...CREDENTIALS },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket' }));
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Ends a test: the process still runs and S3 serves an ordinary upload. */
  async function expectStillServing(key: string): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: key, Body: key }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: key }));
    expect(await object.Body?.transformToString()).toBe(key);
    expect(child.exitCode).toBeNull();
  }

  it('given a client that hangs up in the middle of a DynamoDB request, then dynalite serves the next request', async () => {
    await hangUpMidRequest(
      endpoints.dynamodb,
      'POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables',
    );
    const dynamodb = new DynamoDBClient({
      region: REGION,
      endpoint: endpoints.dynamodb,
      credentials: { ...CREDENTIALS },
    });

    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    await expectStillServing('after-dynamodb-hang-up');
  });

  it('given a client that hangs up in the middle of a PUT, then s3rver serves the next upload and logs nothing', async () => {
    await hangUpMidRequest(endpoints.s3, 'PUT /bucket/half.jpg HTTP/1.1');

    await expectStillServing('after-s3-hang-up');
    expect(output).not.toMatch(/s3: PUT \/bucket\/half\.jpg/);
  });

  it('given a folder where an object’s file must go, when the object is put, then s3rver answers 500 InternalError and logs it on stderr', async () => {
    mkdirSync(join(dataDir, 's3', 'bucket', 'blocked.jpg._S3rver_object'), { recursive: true });

    const response = await fetch(`${endpoints.s3}/bucket/blocked.jpg`, {
      method: 'PUT',
      body: 'x',
    });

    expect(response.status).toBe(500);
    expect(await response.text()).toContain(
      '<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
    );
    await waitFor(
      () => /s3: PUT \/bucket\/blocked\.jpg answered 500 InternalError: .*EISDIR/.test(output),
      {
        what: 'the error line on stderr',
      },
    );
    await expectStillServing('after-store-failure');
  });

  it('given a part number or upload ID S3 never hands out, then s3rver refuses it and writes no file for it', async () => {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'bucket', Key: 'parts.jpg' }),
    );
    const put = (query: string) =>
      fetch(`${endpoints.s3}/bucket/parts.jpg?${query}`, { method: 'PUT', body: 'part' });

    const badNumber = await put(
      `partNumber=${encodeURIComponent('../../escaped')}&uploadId=${UploadId}`,
    );
    const badUpload = await put(`partNumber=1&uploadId=${encodeURIComponent('../../escaped')}`);

    expect([badNumber.status, await badNumber.text()]).toEqual([
      400,
      expect.stringContaining('<Code>InvalidArgument</Code>'),
    ]);
    expect([badUpload.status, await badUpload.text()]).toEqual([
      404,
      expect.stringContaining('<Code>NoSuchUpload</Code>'),
    ]);
    expect(existsSync(join(dataDir, 's3', 'bucket', 'escaped'))).toBe(false);
    expect(existsSync(join(dataDir, 's3', 'escaped'))).toBe(false);
  });

  it('given an SQS request fauxqs throws on, then it answers 500 InternalError as SQS does and logs it on stderr', async () => {
    const response = await fetch(endpoints.sqs, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
      },
      body: 'null',
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#InternalError',
      message: 'We encountered an internal error. Please try again.',
    });
    await waitFor(() => /sqs\/sns: AmazonSQS\.ListQueues answered 500 InternalError/.test(output), {
      what: 'the error line on stderr',
    });
    const sqs = createSqsClient({
      region: REGION,
      endpoints: { sqs: endpoints.sqs },
      credentials: { ...CREDENTIALS },
    });
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  });
});
