import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
} from '@imgpipe/aws';
import { parseImageEvents } from '@imgpipe/event-schemas';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { jpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack, LocalStackOptions } from '@imgpipe/testing';

jest.setTimeout(180_000);

/** Starts a stack expected to fail; one that starts after all is stopped, not leaked. */
async function startExpectingFailure(options: LocalStackOptions): Promise<LocalStack> {
  const stack = await startLocalStack(options);
  await stack.stop();
  return stack;
}

describe('stopping and starting the local stack', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'imgpipe-restart-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given an upload nobody processed before a stop, when started with the metadata service, then reconcile gets it processed under the sequencer of its upload', async () => {
    const key = 'restart/café + tea.jpg';
    const first = await startLocalStack({ dataDir });
    let sequencer: string | undefined;
    try {
      const config = awsConfigFromStack(first.stack);
      const body = await jpeg({ width: 64, height: 48 });
      await createS3Client(config).send(
        new PutObjectCommand({ Bucket: first.stack.buckets.source, Key: key, Body: body }),
      );
      const sqs = createSqsClient(config);
      sequencer = await waitFor(
        async () => {
          const out = await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: first.stack.queues.metadata.url,
              WaitTimeSeconds: 1,
            }),
          );
          return out.Messages?.[0]?.Body && parseImageEvents(out.Messages[0].Body)[0]?.sequencer;
        },
        { timeoutMs: 60_000, what: 'the upload’s notification' },
      );
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(false);

    const second = await startLocalStack({ dataDir, services: ['metadata'] });
    try {
      const db = createDynamoDbDocumentClient(awsConfigFromStack(second.stack));
      const record = await waitFor(
        async () => {
          const out = await db.send(
            new GetCommand({ TableName: second.stack.table, Key: { imageId: key } }),
          );
          return (out.Item as ImageRecord | undefined)?.image;
        },
        { timeoutMs: 60_000, what: `the image stage of ${key}` },
      );

      expect(record).toMatchObject({
        status: 'done',
        format: 'jpeg',
        width: 64,
        height: 48,
        sequencer,
      });
      // The runner prints its line only after the record is written, so the record being there
      // says nothing about the output yet: wait for each line (each fails with the output).
      await second.waitForOutput('reconcile: 1 unfinished upload(s) published again');
      await second.waitForOutput(/metadata\s+done\s+restart\/café \+ tea\.jpg\s+jpeg 64×48/);
    } finally {
      await second.stop();
    }
  });

  it('given a running stack, when another starts on its S3 port, then it exits naming the port and the flag to change it', async () => {
    const running = await startLocalStack();
    try {
      const s3Port = new URL(running.stack.endpoints.s3).port;

      await expect(startExpectingFailure({ args: ['--s3-port', s3Port] })).rejects.toThrow(
        new RegExp(
          `exited with code 1[\\s\\S]*port ${s3Port} for S3 \\(s3rver\\) is already in use[\\s\\S]*--s3-port`,
        ),
      );
    } finally {
      await running.stop();
    }
  });

  it('given a visibility timeout below resize’s function timeout, then the stack refuses to start with Lambda’s message, and starts once the function timeout is lowered to it', async () => {
    const tooShort = ['--visibility-timeout', '15'];

    await expect(startExpectingFailure({ services: ['resize'], args: tooShort })).rejects.toThrow(
      /exited with code 1[\s\S]*resize: Lambda would not create its event source mapping: InvalidParameterValueException: Queue visibility timeout: 15 seconds is less than Function timeout: 90 seconds/,
    );
    const lowered = await startLocalStack({
      services: ['resize'],
      args: [...tooShort, '--function-timeout', '15'],
    });
    try {
      const { Attributes } = await createSqsClient(awsConfigFromStack(lowered.stack)).send(
        new GetQueueAttributesCommand({
          QueueUrl: lowered.stack.queues.resize.url,
          AttributeNames: ['VisibilityTimeout'],
        }),
      );
      expect(Attributes?.VisibilityTimeout).toBe('15');
    } finally {
      await lowered.stop();
    }
  });

  it('given a running stack, when a second one starts on the same data folder, then it refuses', async () => {
    const running = await startLocalStack({ dataDir });
    try {
      await expect(startExpectingFailure({ dataDir })).rejects.toThrow(
        new RegExp(`exited with code 1[\\s\\S]*pid ${running.stack.pid}\\) is already running`),
      );
      expect(existsSync(join(dataDir, 'stack.json'))).toBe(true);
    } finally {
      await running.stop();
    }
  });
});
