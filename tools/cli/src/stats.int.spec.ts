import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DynamoImageRecords,
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
} from '@imgpipe/aws';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { STAGE_OF_SERVICE, isRecordComplete } from '@imgpipe/event-schemas';
import { SERVICES } from '@imgpipe/registry';
import { jpeg, pngWithAlpha, textAsJpeg, waitFor } from '@imgpipe/testing';
import type { LocalEmulators } from './testing/local-emulators';
import { startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import type { StatsReport } from './stats-format';
import { captureIo } from './test-io';

// The whole pipeline, then `imgpipe stats` as the operator: the numbers the stack collected
// from the services' EMF output must equal what the records say happened.
jest.setTimeout(180_000);

describe('imgpipe stats against the local stack', () => {
  let local: LocalEmulators;

  beforeAll(async () => {
    local = await startLocalEmulators({ services: SERVICES.map((service) => service.name) });
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('given a mixed run, when stats is read, then each service counts exactly the outcomes its records show', async () => {
    const uploads: Record<string, Buffer> = {
      'stats/one.jpg': await jpeg({ width: 640, height: 480 }),
      'stats/two.png': await pngWithAlpha({ width: 300, height: 200 }),
      'stats/not an image.jpg': textAsJpeg(),
    };
    const s3 = createS3Client(awsConfigFromStack(local.stack));
    for (const [key, body] of Object.entries(uploads)) {
      await s3.send(
        new PutObjectCommand({ Bucket: local.stack.buckets.source, Key: key, Body: body }),
      );
    }
    const records = new DynamoImageRecords(
      createDynamoDbDocumentClient(awsConfigFromStack(local.stack)),
      local.stack.table,
    );
    const complete = await waitFor(
      async () => {
        const found = await Promise.all(Object.keys(uploads).map((key) => records.get(key)));
        return found.every(isRecordComplete) ? (found as ImageRecord[]) : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'complete records for every upload' },
    );
    const expected = SERVICES.map((service) => {
      const stage = STAGE_OF_SERVICE[service.project];
      const statuses = complete.map((record) => record[stage]?.status);
      return {
        service: service.project,
        processed: statuses.filter((status) => status === 'done').length,
        rejected: statuses.filter((status) => status === 'rejected').length,
        dlq: 0,
        queued: 0,
      };
    });

    // The stack writes what it collected about once a second: wait for the last batch's numbers.
    const report = await waitFor(
      async () => {
        const io = captureIo({ cwd: local.root });
        if ((await main(['stats', '--json'], io)) !== 0) return undefined;
        const read = JSON.parse(io.stdoutText()) as StatsReport;
        const total = read.services.reduce((sum, row) => sum + row.processed + row.rejected, 0);
        return total === Object.keys(uploads).length * SERVICES.length ? read : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'stats covering every upload' },
    );

    expect(
      report.services.map(({ service, processed, rejected, dlq, queued }) => ({
        service,
        processed,
        rejected,
        dlq,
        queued,
      })),
    ).toEqual(expected);
    expect(expected.every((row) => row.processed >= 2)).toBe(true);
    for (const row of report.services) {
      expect(row.p50Ms).toBeGreaterThan(0);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms ?? Infinity);
    }

    for (const row of report.services) {
      expect(row.memory?.peakMb).toBeGreaterThan(0);
      expect(row.memory?.peakMb).toBeLessThan(row.memory?.limitMb ?? 0);
    }

    const table = captureIo({ cwd: local.root });
    expect(await main(['stats'], table)).toBe(0);
    expect(table.stdoutText()).toMatch(
      /^service\s+processed\s+rejected\s+deleted\s+retried\s+in DLQ/m,
    );

    // A removal: every service applies it once, so each counts one deletion.
    await s3.send(
      new DeleteObjectCommand({ Bucket: local.stack.buckets.source, Key: 'stats/one.jpg' }),
    );
    const afterDelete = await waitFor(
      async () => {
        const io = captureIo({ cwd: local.root });
        if ((await main(['stats', '--json'], io)) !== 0) return undefined;
        const read = JSON.parse(io.stdoutText()) as StatsReport;
        return read.services.every((row) => row.deleted >= 1) ? read : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'stats counting the deletion in every service' },
    );
    expect(afterDelete.services.map((row) => row.deleted)).toEqual(SERVICES.map(() => 1));
  });
});
