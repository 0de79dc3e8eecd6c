import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DynamoImageRecords,
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
} from '@imgpipe/aws';
import { isRecordComplete } from '@imgpipe/event-schemas';
import { SERVICES } from '@imgpipe/registry';
import type { LocalStack } from '@imgpipe/testing';
import { jpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { main } from './main';
import { captureIo } from './test-io';

// The whole pipeline: an image processed by every service, then `imgpipe delete --wait` as
// the operator, which returns once each service has removed its outputs and said so.
jest.setTimeout(240_000);

const KEY = 'albums/2024 summer/beach + sunset.jpg';

describe('imgpipe delete --wait through the whole local pipeline', () => {
  let root: string;
  let local: LocalStack;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'imgpipe-delete-int-'));
    await mkdir(join(root, '.imgpipe'));
    local = await startLocalStack({
      services: SERVICES.map((service) => service.name),
      dataDir: join(root, '.imgpipe'),
    });
  });

  afterAll(async () => {
    await local?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('given a processed image, when deleted with --wait, then every stage says deleted and the source and its outputs are gone', async () => {
    const config = awsConfigFromStack(local.stack);
    const s3 = createS3Client(config);
    const exists = async (bucket: string, key: string) => {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFound') return false;
        throw error;
      }
    };
    await s3.send(
      new PutObjectCommand({
        Bucket: local.stack.buckets.source,
        Key: KEY,
        Body: await jpeg({ width: 640, height: 480 }),
      }),
    );
    const records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
    const processed = await waitFor(
      async () => {
        const record = await records.get(KEY);
        return isRecordComplete(record) ? record : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'the processed record' },
    );
    const outputs = [processed?.resize, processed?.watermark].flatMap((stage) =>
      stage?.status === 'done' ? stage.outputs.map((output) => output.key) : [],
    );
    expect(outputs.length).toBeGreaterThan(1);
    for (const key of outputs) expect(await exists(local.stack.buckets.processed, key)).toBe(true);
    const io = captureIo({ cwd: root });

    const code = await main(['delete', KEY, '--wait', '--timeout', '120', '--json'], io);

    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdoutText())).toEqual({
      key: KEY,
      outcome: 'deleted',
      recordDeleted: true,
      stages: { image: 'deleted', resize: 'deleted', watermark: 'deleted' },
    });
    expect(await exists(local.stack.buckets.source, KEY)).toBe(false);
    for (const key of outputs) expect(await exists(local.stack.buckets.processed, key)).toBe(false);
  });
});
