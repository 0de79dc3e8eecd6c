import type { ImageRecord } from '@imgpipe/event-schemas';
import type { WaitProgress } from './progress-line';
import { deletedRecord, doneRecord, rejectedStage, withoutStages } from './testing/record-fixtures';
import type { WaitDeps } from './wait-for-processing';
import { waitForProcessing } from './wait-for-processing';

const ETAG = '"9b2cf535f27731c974343645a3985328"';

/** A table whose records appear after a given number of polls, and a clock that sleeps instantly. */
function fakeDeps(appearAfterPolls: Record<string, [number, ImageRecord]>) {
  let clock = 0;
  const polls = new Map<string, number>();
  const progress: WaitProgress[] = [];
  const deps: WaitDeps = {
    getRecord: async (key) => {
      const count = (polls.get(key) ?? 0) + 1;
      polls.set(key, count);
      const entry = appearAfterPolls[key];
      if (!entry) return undefined;
      return count >= entry[0] ? entry[1] : withoutStages(entry[1], 'watermark');
    },
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    onProgress: (p) => progress.push(p),
  };
  return { deps, polls, progress };
}

describe('waiting for processing', () => {
  it('polls until every image has ended and reports each as done or rejected', async () => {
    const rejected = doneRecord('b.jpg', {
      resize: rejectedStage('too-many-pixels', 'the image has 120 MP'),
    });
    const { deps, polls, progress } = fakeDeps({
      'a.jpg': [3, doneRecord('a.jpg')],
      'b.jpg': [1, rejected],
    });

    const results = await waitForProcessing(
      [
        { key: 'a.jpg', eTag: ETAG },
        { key: 'b.jpg', eTag: ETAG },
      ],
      deps,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );

    expect(results.map((r) => [r.key, r.state, r.reasons])).toEqual([
      ['a.jpg', 'done', []],
      ['b.jpg', 'rejected', ['resize: the image has 120 MP']],
    ]);
    expect(results[0]?.record).toEqual(doneRecord('a.jpg'));
    // b ended on the first poll and is not read again; a needed three.
    expect(Object.fromEntries(polls)).toEqual({ 'a.jpg': 3, 'b.jpg': 1 });
    expect(progress.map((p) => [p.ended, p.rejected, p.elapsedMs])).toEqual([
      [1, 1, 0],
      [1, 1, 1000],
      [2, 1, 2000],
    ]);
  });

  it('gives up at the timeout and returns unfinished images as pending with what is known', async () => {
    const { deps, polls } = fakeDeps({ 'a.jpg': [100, doneRecord('a.jpg')] });

    const [result] = await waitForProcessing(
      [{ key: 'a.jpg', eTag: ETAG }, { key: 'gone.jpg' }],
      deps,
      {
        timeoutMs: 2500,
        intervalMs: 1000,
      },
    );

    expect(result).toMatchObject({
      key: 'a.jpg',
      state: 'pending',
      stages: { watermark: 'pending' },
    });
    // Polls at 0, 1000, 2000 and 2500 ms, then the timeout.
    expect(polls.get('a.jpg')).toBe(4);
  });

  it('given until says deleted, then a done record is polled on until every stage says deleted', async () => {
    let clock = 0;
    let reads = 0;
    const deps: WaitDeps = {
      // Done for two reads, then the deletion reaches one stage, then all three.
      getRecord: async (key) => {
        reads += 1;
        if (reads <= 2) return doneRecord(key);
        return reads === 3 ? deletedRecord(key, ['image']) : deletedRecord(key);
      },
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    };

    const [result] = await waitForProcessing([{ key: 'a.jpg' }], deps, {
      timeoutMs: 60_000,
      intervalMs: 1000,
      until: (state) => state.state === 'deleted',
    });

    expect(result?.state).toBe('deleted');
    expect(reads).toBe(4);
  });

  it('stops polling once the signal aborts', async () => {
    const controller = new AbortController();
    const { deps, polls } = fakeDeps({});
    const sleep = deps.sleep;

    await waitForProcessing(
      [{ key: 'a.jpg' }],
      { ...deps, sleep: async (ms) => (controller.abort(), sleep(ms)) },
      {
        timeoutMs: 60_000,
        intervalMs: 1000,
        signal: controller.signal,
      },
    );

    expect(polls.get('a.jpg')).toBe(2);
  });
});
