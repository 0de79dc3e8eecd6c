import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DynamoImageRecords,
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
} from '@imgpipe/aws';
import { isRecordComplete } from '@imgpipe/event-schemas';
import { SERVICES } from '@imgpipe/registry';
import { jpeg, waitFor } from '@imgpipe/testing';
import type { LocalEmulators } from './testing/local-emulators';
import { objectExists, startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import { captureIo } from './test-io';

// The whole pipeline: an image processed by every service, then `imgpipe delete --wait` as
// the operator, which returns once each service has removed its outputs and said so.
jest.setTimeout(240_000);

const KEY = 'albums/2024 summer/beach + sunset.jpg';

describe('imgpipe delete --wait through the whole local pipeline', () => {
  let local: LocalEmulators;

  beforeAll(async () => {
    local = await startLocalEmulators({ services: SERVICES.map((service) => service.name) });
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('given a processed image, when deleted with --wait, then every stage says deleted and the source and its outputs are gone', async () => {
    const { stack } = local;
    const config = awsConfigFromStack(stack);
    await createS3Client(config).send(
      new PutObjectCommand({
        Bucket: stack.buckets.source,
        Key: KEY,
        Body: await jpeg({ width: 640, height: 480 }),
      }),
    );
    const records = new DynamoImageRecords(createDynamoDbDocumentClient(config), stack.table);
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
    for (const key of outputs)
      expect(await objectExists(stack, stack.buckets.processed, key)).toBe(true);
    const io = captureIo({ cwd: local.root });

    const code = await main(['delete', KEY, '--wait', '--timeout', '120', '--json'], io);

    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdoutText())).toEqual({
      key: KEY,
      outcome: 'deleted',
      recordDeleted: true,
      stages: { image: 'deleted', resize: 'deleted', watermark: 'deleted' },
    });
    expect(await objectExists(stack, stack.buckets.source, KEY)).toBe(false);
    // A service marks its stage deleted before it deletes the keys the mark lists.
    await waitFor(
      async () => {
        const left = await Promise.all(
          outputs.map((key) => objectExists(stack, stack.buckets.processed, key)),
        );
        return left.every((exists) => !exists);
      },
      { timeoutMs: 60_000, intervalMs: 250, what: `no output of ${KEY} left` },
    );
  });
});
