import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
} from '@imgpipe/aws';
import type { ImageEvent } from '@imgpipe/event-schemas';
import { parseImageEvents } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { join } from 'node:path';
import { main } from './main';
import { QUEUE_SERVICES } from './ssm-parameters';
import { captureIo } from './test-io';

// Real s3rver, fauxqs (SNS → SQS) and dynalite, through the local stack in a child process.
jest.setTimeout(90_000);

const KEY = 'albums/2024 summer/beach + sunset.jpg';

describe('imgpipe reprocess against the local stack', () => {
  let local: LocalStack;
  let sqs: SQSClient;

  async function takeEvents(queueUrl: string): Promise<ImageEvent[]> {
    const page = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of page.Messages ?? []) {
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
    return (page.Messages ?? []).flatMap((message) => parseImageEvents(message.Body ?? ''));
  }

  beforeAll(async () => {
    local = await startLocalStack();
    sqs = createSqsClient(awsConfigFromStack(local.stack));
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('given an upload whose stages are recorded, when reprocessed, then every queue gets it with a newer sequencer', async () => {
    const config = awsConfigFromStack(local.stack);
    await createS3Client(config).send(
      new PutObjectCommand({
        Bucket: local.stack.buckets.source,
        Key: KEY,
        Body: 'not really a jpeg',
      }),
    );
    const uploaded = await waitFor(
      async () => (await takeEvents(local.stack.queues.resize.url))[0],
      {
        timeoutMs: 30_000,
        what: 'the upload notification',
      },
    );
    // The other queues' copies of the upload too, or they would count as reprocessed below.
    for (const service of ['watermark', 'metadata'] as const) {
      await waitFor(async () => (await takeEvents(local.stack.queues[service].url))[0], {
        timeoutMs: 30_000,
        what: `the upload notification in ${service}`,
      });
    }
    const recorded = {
      status: 'rejected',
      code: 'not-an-image',
      reason: 'not an image',
      updatedAt: '2024-01-01T00:00:00Z',
    };
    await createDynamoDbDocumentClient(config).send(
      new PutCommand({
        TableName: local.stack.table,
        Item: {
          imageId: KEY,
          image: { ...recorded, sequencer: uploaded.sequencer },
          resize: { ...recorded, sequencer: uploaded.sequencer },
          watermark: { ...recorded, sequencer: uploaded.sequencer },
        },
      }),
    );
    const io = captureIo({
      cwd: local.stack.dataDir,
      env: { IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
    });

    const code = await main(['reprocess', KEY], io);

    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    const expected = (BigInt(`0x${uploaded.sequencer}`) + 1n)
      .toString(16)
      .toUpperCase()
      .padStart(32, '0');
    const out = io.stdoutText().split('\n');
    expect(out[0]).toBe(`queued ${KEY} for resize, watermark, metadata (sequencer ${expected})`);
    expect(out[1]).toMatch(/^Queued 1 of 1 objects for resize, watermark, metadata in [\d.]+s$/);
    for (const service of QUEUE_SERVICES) {
      const events = await waitFor(
        async () => {
          const taken = await takeEvents(local.stack.queues[service].url);
          return taken.length > 0 ? taken : undefined;
        },
        { timeoutMs: 30_000, what: `the ${service} notification` },
      );
      expect(events.map((e) => [e.imageId, e.bucket, e.sequencer, e.size])).toEqual([
        [KEY, local.stack.buckets.source, expected, 'not really a jpeg'.length],
      ]);
    }
  });

  it('given --service resize, when reprocessed, then only the resize queue gets the notification', async () => {
    const io = captureIo({
      cwd: local.stack.dataDir,
      env: { IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
    });

    const code = await main(['reprocess', '--service', 'resize', KEY], io);

    expect(code).toBe(0);
    const events = await waitFor(
      async () => {
        const taken = await takeEvents(local.stack.queues.resize.url);
        return taken.length > 0 ? taken : undefined;
      },
      { timeoutMs: 30_000, what: 'the resize notification' },
    );
    expect(events.map((e) => e.imageId)).toEqual([KEY]);
    for (const service of ['watermark', 'metadata'] as const) {
      expect(await takeEvents(local.stack.queues[service].url)).toEqual([]);
    }
  });

  it('given objects under a prefix and beside it, when reprocessed by --prefix, then exactly those under it reach the queue', async () => {
    const s3 = createS3Client(awsConfigFromStack(local.stack));
    const inside = ['batch/1.jpg', 'batch/sub/2 b+c.jpg'];
    const outside = ['batch-x/3.jpg', 'old/batch/4.jpg'];
    for (const key of [...inside, ...outside])
      await s3.send(
        new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: key }),
      );
    // Each upload's own notification first, in every queue, so none counts as reprocessed.
    for (const service of QUEUE_SERVICES) {
      const seen = new Set<string>();
      await waitFor(
        async () => {
          (await takeEvents(local.stack.queues[service].url)).forEach((e) => seen.add(e.imageId));
          return seen.size === 4 ? seen : undefined;
        },
        { timeoutMs: 30_000, what: `the four upload notifications in ${service}` },
      );
    }
    const io = captureIo({
      cwd: local.stack.dataDir,
      env: { IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
    });

    const code = await main(
      ['reprocess', '--prefix', 'batch/', '--service', 'resize', '--rate', '50', '--json'],
      io,
    );

    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.stdoutText()) as {
      services: string[];
      queued: { key: string }[];
      failed: unknown[];
    };
    expect(report.services).toEqual(['resize']);
    expect(report.queued.map((q) => q.key)).toEqual(inside);
    expect(report.failed).toEqual([]);
    const received: ImageEvent[] = [];
    await waitFor(
      async () => {
        received.push(...(await takeEvents(local.stack.queues.resize.url)));
        return received.length >= inside.length ? received : undefined;
      },
      { timeoutMs: 30_000, what: 'the reprocessed notifications' },
    );
    received.push(...(await takeEvents(local.stack.queues.resize.url)));
    expect(received.map((e) => [e.imageId, e.size]).sort()).toEqual(
      inside.map((key) => [key, key.length]).sort(),
    );
    expect(await takeEvents(local.stack.queues.watermark.url)).toEqual([]);
  });

  it('given neither keys nor --prefix, or --since without --prefix, then exit 2', async () => {
    const io = () =>
      captureIo({
        cwd: local.stack.dataDir,
        env: { IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
      });
    const none = io();
    const since = io();

    expect(await main(['reprocess'], none)).toBe(2);
    expect(await main(['reprocess', 'a.jpg', '--since', '2d'], since)).toBe(2);
    expect(none.stderrText()).toContain('give either keys or --prefix');
    expect(since.stderrText()).toContain('--since selects objects under --prefix');
  });
});
