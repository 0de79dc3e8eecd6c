import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReplayProgress } from './dlq-replay';
import { replayDlq } from './dlq-replay';
import { fakeSqs } from './testing/fake-sqs';

// The replay loop against a fake SQS whose time is counted in receives, so a message hidden
// "for 60 s" reappears after a few receives and no test waits for a timeout.
const DLQ = 'http://sqs.local/000000000000/imgpipe-resize-dlq';
const SOURCE = 'http://sqs.local/000000000000/imgpipe-resize-queue';
const QUEUES = { dlqUrl: DLQ, targetQueueUrl: SOURCE };

// One body per key: a body carries a fresh SNS message id and time each time it is built.
const bodies = new Map<string, string>();
const bodyFor = (key: string) => {
  const body = bodies.get(key) ?? buildSqsBodyForObject({ bucket: 'src', key, sequencer: '0A' });
  bodies.set(key, body);
  return body;
};
const keysFrom = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}.jpg`);
const byPrefix = (prefix: string) => (summary: { keys: readonly string[] }) =>
  summary.keys.some((key) => key.startsWith(prefix));

describe('DLQ replay loop against a fake SQS with visibility timeouts', () => {
  const sqsMock = mockClient(SQSClient);
  const sqs = new SQSClient({ region: 'us-east-1' });
  beforeEach(() => sqsMock.reset());

  it('given 25 skipped messages that reappear while 5 movable ones are still hidden by another consumer, then all 5 move, each skipped one counts once and all are visible at the end', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 3 });
    const skipped = keysFrom('other/', 25);
    const movable = keysFrom('albums/', 5);
    skipped.forEach((key) => fake.add(DLQ, bodyFor(key)));
    movable.forEach((key) => fake.add(DLQ, bodyFor(key), { hiddenForReceives: 6 }));
    const progress: ReplayProgress[] = [];

    const result = await replayDlq(sqs, QUEUES, {
      max: 1000,
      filter: byPrefix('albums/'),
      onProgress: (p) => progress.push(p),
    });

    expect(result).toEqual({ moved: 5, skipped: 25, failed: 0, notDeleted: 0, left: 0 });
    expect(fake.bodies(SOURCE).sort()).toEqual(movable.map(bodyFor).sort());
    expect(fake.bodies(DLQ).sort()).toEqual(skipped.map(bodyFor).sort());
    expect(fake.hiddenCount(DLQ)).toBe(0);
    expect(progress.filter((p) => p.outcome === 'skipped')).toHaveLength(25);
    // It saw the skipped ones again before the movable ones came back: the old stopping point.
    expect(fake.receives()).toBeGreaterThan(6);
  });

  it('given a dry run over more messages than reappear within it, then each is counted once, all are left and visible, and nothing moves', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 2 });
    const keys = keysFrom('albums/', 23);
    keys.forEach((key) => fake.add(DLQ, bodyFor(key)));
    fake.add(DLQ, bodyFor('albums/late.jpg'), { hiddenForReceives: 5 });
    const progress: ReplayProgress[] = [];

    const result = await replayDlq(sqs, QUEUES, {
      max: 1000,
      dryRun: true,
      onProgress: (p) => progress.push(p),
    });

    expect(result).toEqual({ moved: 24, skipped: 0, failed: 0, notDeleted: 0, left: 24 });
    expect(new Set(progress.map((p) => p.summary.messageId)).size).toBe(24);
    expect(progress.every((p) => p.outcome === 'would-replay')).toBe(true);
    expect(fake.bodies(SOURCE)).toEqual([]);
    expect(fake.bodies(DLQ)).toHaveLength(24);
    expect(fake.hiddenCount(DLQ)).toBe(0);
  });

  it('given a movable message another consumer holds beyond the replay patience, then the replay ends, moves the rest and reports it left', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 3 });
    keysFrom('albums/', 4).forEach((key) => fake.add(DLQ, bodyFor(key)));
    fake.add(DLQ, bodyFor('albums/held.jpg'), { hiddenForReceives: 1_000 });

    const result = await replayDlq(sqs, QUEUES, { max: 1000 });

    expect(result).toEqual({ moved: 4, skipped: 0, failed: 0, notDeleted: 0, left: 1 });
    expect(fake.bodies(DLQ)).toEqual([bodyFor('albums/held.jpg')]);
    expect(fake.receives()).toBeLessThan(20);
  });

  it('given a key prefix that another key merely contains, then only keys starting with it move', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 3 });
    ['albums/a.jpg', 'old/albums/b.jpg', 'albums-2/c.jpg'].forEach((key) =>
      fake.add(DLQ, bodyFor(key)),
    );

    const result = await replayDlq(sqs, QUEUES, { max: 1000, filter: byPrefix('albums/') });

    expect(result).toEqual({ moved: 1, skipped: 2, failed: 0, notDeleted: 0, left: 0 });
    expect(fake.bodies(SOURCE)).toEqual([bodyFor('albums/a.jpg')]);
  });

  it('given max 12 of 30 messages, then 12 move and 18 are reported left', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 3 });
    keysFrom('albums/', 30).forEach((key) => fake.add(DLQ, bodyFor(key)));

    const result = await replayDlq(sqs, QUEUES, { max: 12 });

    expect(result).toEqual({ moved: 12, skipped: 0, failed: 0, notDeleted: 0, left: 18 });
    expect(fake.bodies(SOURCE)).toHaveLength(12);
  });

  it('given a rate of 4 per second, when 8 messages move, then no send batch holds more than 4 and the second waits a second', async () => {
    const fake = fakeSqs(sqsMock, { reappearAfterReceives: 3 });
    keysFrom('albums/', 8).forEach((key) => fake.add(DLQ, bodyFor(key)));
    const started = Date.now();

    const result = await replayDlq(sqs, QUEUES, { max: 1000, ratePerSecond: 4 });

    expect(result).toEqual({ moved: 8, skipped: 0, failed: 0, notDeleted: 0, left: 0 });
    const batches = sqsMock
      .commandCalls(SendMessageBatchCommand)
      .map((call) => call.args[0].input.Entries?.length);
    expect(batches).toEqual([4, 4]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });
});
