import { doneByService, finishedStages, forEachLimited } from './pipeline-throughput';

describe('finishedStages', () => {
  it('given outcome lines, when read, then done stages are keyed by service and key and the rest are failures', () => {
    const output = [
      'resize     done         bench/e2e/001.jpg  6 outputs, 80 KB',
      'metadata   done         bench/e2e/001.jpg  4000×3000 jpeg',
      'imgpipe local stack: listening',
      'watermark  rejected     bench/e2e/002.png  not an image',
      'resize     will retry   bench/e2e/003.jpg  timeout',
    ].join('\n');

    const { done, failed } = finishedStages(output);

    expect([...done]).toEqual(['resize bench/e2e/001.jpg', 'metadata bench/e2e/001.jpg']);
    expect(failed).toEqual([
      'watermark  rejected     bench/e2e/002.png  not an image',
      'resize     will retry   bench/e2e/003.jpg  timeout',
    ]);
  });
});

describe('doneByService', () => {
  it('given done stages, when counted, then each service has its number', () => {
    const done = new Set(['resize a.jpg', 'resize b b.jpg', 'metadata a.jpg']);

    expect(Object.fromEntries(doneByService(done))).toEqual({ resize: 2, metadata: 1 });
  });
});

describe('forEachLimited', () => {
  it('given more items than the limit, when run, then each runs once and never more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];

    await forEachLimited([1, 2, 3, 4, 5], 2, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((done) => setImmediate(done));
      seen.push(item);
      inFlight -= 1;
    });

    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
