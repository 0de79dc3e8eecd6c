import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSnsClient,
  DynamoImageRecords,
} from '@imgpipe/aws';
import {
  buildS3EventRecord,
  buildS3Notification,
  isRecordComplete,
  STAGES,
} from '@imgpipe/event-schemas';
import type { ImageRecord, StageName } from '@imgpipe/event-schemas';
import { SERVICES } from '@imgpipe/registry';
import type { LocalStack } from '@imgpipe/testing';
import { jpeg, pngWithAlpha, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';

// Deletions through every service as `npm start` runs them: the bridge forwards s3rver's
// deletions as ObjectRemoved notifications, and the services, under the IAM policies infra
// grants, remove their outputs and mark the record. Where an order matters it is forced: by
// waiting for one event's outcome before causing the next, or by publishing a notification
// with an explicit sequencer.
jest.setTimeout(240_000);

type Status = 'done' | 'deleted';

describe('deletions through the local stack', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let sns: ReturnType<typeof createSnsClient>;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: SERVICES.map((service) => service.name) });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    sns = createSnsClient(config);
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  function everyStage(record: ImageRecord | undefined, status: Status): boolean {
    return STAGES.every((stage) => record?.[stage]?.status === status);
  }

  async function recordWhen(
    key: string,
    test: (record: ImageRecord | undefined) => boolean,
    what: string,
  ): Promise<ImageRecord> {
    return waitFor(
      async () => {
        const record = await records.get(key);
        return record !== undefined && test(record) ? record : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: `${what} for ${key}` },
    );
  }

  async function upload(key: string, body: Buffer, width: number): Promise<ImageRecord> {
    await s3.send(
      new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: body }),
    );
    return recordWhen(
      key,
      // Every stage from this upload: the image stage at its width, the others with the same
      // sequencer (after a re-upload, one service may still hold the older upload's stage).
      (record) =>
        everyStage(record, 'done') &&
        record?.image?.status === 'done' &&
        record.image.width === width &&
        STAGES.every((stage) => record[stage]?.sequencer === record.image?.sequencer),
      `every stage done at width ${width}`,
    );
  }

  async function deleteSource(key: string): Promise<ImageRecord> {
    await s3.send(new DeleteObjectCommand({ Bucket: local.stack.buckets.source, Key: key }));
    return recordWhen(key, (record) => everyStage(record, 'deleted'), 'every stage deleted');
  }

  /** Every processed-bucket key of one source: its renditions and its watermarked copy. */
  async function outputsOf(key: string): Promise<string[]> {
    const listed = await Promise.all(
      [`resized/${key}/`, `watermarked/${key}.`].map((Prefix) =>
        s3.send(new ListObjectsV2Command({ Bucket: local.stack.buckets.processed, Prefix })),
      ),
    );
    return listed.flatMap((page) => (page.Contents ?? []).map((item) => item.Key ?? '')).sort();
  }

  /** Waits until no output of `key` is left: a stage is marked deleted before its keys go. */
  async function noOutputsLeft(key: string): Promise<void> {
    await waitFor(async () => (await outputsOf(key)).length === 0, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: `no output of ${key} left`,
    });
  }

  function recordedOutputs(record: ImageRecord): string[] {
    return [record.resize, record.watermark]
      .flatMap((stage) => (stage?.status === 'done' ? stage.outputs.map((o) => o.key) : []))
      .sort();
  }

  /** How many messages about `key` each service has finished with, from the runner's lines. */
  function handledCounts(key: string): number[] {
    const lines = local.output().split('\n');
    return SERVICES.map(
      (service) =>
        lines.filter(
          (line) => line.startsWith(`${service.name.padEnd(10)} `) && line.includes(` ${key}  `),
        ).length,
    );
  }

  /** Publishes one crafted S3 notification and waits until every service has handled it. */
  async function deliver(key: string, eventName: string, sequencer: string): Promise<void> {
    const before = handledCounts(key);
    const event = buildS3EventRecord({
      bucket: local.stack.buckets.source,
      key,
      sequencer,
      eventName,
      ...(eventName.startsWith('ObjectCreated:') ? { size: 1, eTag: 'e' } : {}),
    });
    await sns.send(
      new PublishCommand({
        TopicArn: local.stack.topicArn,
        Message: JSON.stringify(buildS3Notification([event])),
      }),
    );
    await waitFor(() => handledCounts(key).every((count, i) => count > (before[i] ?? 0)), {
      timeoutMs: 60_000,
      what: `every service handled ${eventName} ${sequencer} for ${key}`,
    });
  }

  function stageSequencer(record: ImageRecord, stage: StageName): bigint {
    return BigInt(`0x${record[stage]?.sequencer ?? '0'}`);
  }

  it('given a processed upload, when its source is deleted, then every output is gone, every stage says deleted, and its old upload event redelivered changes nothing', async () => {
    const key = 'del/Ana María/beach + sun.jpg';
    const done = await upload(key, await jpeg({ width: 640, height: 480 }), 640);
    const written = recordedOutputs(done);
    expect(await outputsOf(key)).toEqual(written);
    expect(written.length).toBeGreaterThan(2);

    const deleted = await deleteSource(key);

    await noOutputsLeft(key);
    for (const stage of STAGES) {
      expect(stageSequencer(deleted, stage)).toBeGreaterThan(stageSequencer(done, stage));
    }
    expect(deleted.resize).toMatchObject({
      removedKeys: expect.arrayContaining(written.filter((k) => k.startsWith('resized/'))),
    });
    expect(deleted.source).toEqual(done.source);

    // The upload's notification arriving again after the deletion: stale, so no stage is
    // rewritten (without the sequencer it would be recorded as a missing source).
    await deliver(key, 'ObjectCreated:Put', done.image?.sequencer ?? '');

    expect(await records.get(key)).toEqual(deleted);
    expect(await outputsOf(key)).toEqual([]);
  });

  it('given a delete then a re-upload handled in that order, then the re-upload’s outputs and record are what is left', async () => {
    const key = 'del/in order.png';
    const first = await upload(key, await jpeg({ width: 640, height: 480 }), 640);
    await deleteSource(key);

    const again = await upload(key, await pngWithAlpha({ width: 320, height: 200 }), 320);

    expect(isRecordComplete(again)).toBe(true);
    expect(again.image).toMatchObject({ status: 'done', format: 'png', width: 320, height: 200 });
    expect(await outputsOf(key)).toEqual(recordedOutputs(again));
    // The first upload's widest rendition has no counterpart in the narrower re-upload.
    expect(recordedOutputs(first)).toContain(`resized/${key}/640w.webp`);
    expect(await outputsOf(key)).not.toContain(`resized/${key}/640w.webp`);
  });

  it('given a re-upload handled before the older delete arrives, then the late delete changes nothing and only the re-upload’s outputs remain', async () => {
    const key = 'del/out of order.jpg';
    const first = await upload(key, await jpeg({ width: 480, height: 360 }), 480);
    const again = await upload(key, await jpeg({ width: 400, height: 300 }), 400);
    const outputs = await outputsOf(key);
    // The deletion happened between the two uploads: sequenced after the first, before the second.
    const between = (stageSequencer(first, 'image') + 1n).toString(16).toUpperCase();
    expect(BigInt(`0x${between}`)).toBeLessThan(stageSequencer(again, 'image'));

    await deliver(key, 'ObjectRemoved:Delete', between);

    expect(await records.get(key)).toEqual(again);
    expect(await outputsOf(key)).toEqual(outputs);
    expect(outputs).toEqual(recordedOutputs(again));
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: local.stack.buckets.source, Key: key })),
    ).resolves.toMatchObject({ ContentLength: expect.any(Number) });
  });

  it('given processed uploads, when a multi-object DeleteObjects removes them with a key that never existed, then each one’s outputs go and its stages say deleted, and the missing key gets no record', async () => {
    const keys = ['del/batch/one.jpg', 'del/batch/two 2+2.jpg'];
    for (const key of keys) await upload(key, await jpeg({ width: 320, height: 240 }), 320);
    const missing = 'del/batch/never uploaded.jpg';

    await s3.send(
      new DeleteObjectsCommand({
        Bucket: local.stack.buckets.source,
        Delete: { Objects: [...keys, missing].map((Key) => ({ Key })) },
      }),
    );

    for (const key of keys) {
      await recordWhen(key, (record) => everyStage(record, 'deleted'), 'every stage deleted');
      await noOutputsLeft(key);
    }
    expect(await records.get(missing)).toBeUndefined();
  });
});
