import { formatStatsReport } from './stats-format';
import type { StatsRow } from './stats-format';

const row = (service: string, over: Partial<StatsRow> = {}): StatsRow => ({
  service,
  processed: 0,
  rejected: 0,
  deleted: 0,
  retried: 0,
  dlq: 0,
  queued: 0,
  queueAgeSeconds: null,
  p50Ms: null,
  p99Ms: null,
  ...over,
});

describe('formatStatsReport', () => {
  it('given rows, when formatted, then the window heads a table with names left, numbers right and - for no sample', () => {
    const text = formatStatsReport({
      target: 'local stack',
      since: '2026-11-27T10:00:00.000Z',
      until: '2026-11-27T10:05:00.000Z',
      services: [
        row('resize-service', {
          processed: 1234,
          rejected: 5,
          deleted: 2,
          p50Ms: 310.4,
          p99Ms: 1201.6,
          queueAgeSeconds: 2.6,
          memory: { peakMb: 326, limitMb: 2048 },
        }),
        row('metadata-service', { dlq: 3, queued: 12 }),
      ],
    });

    expect(text.split('\n')).toEqual([
      'local stack: 2026-11-27T10:00:00.000Z to 2026-11-27T10:05:00.000Z',
      'service           processed  rejected  deleted  retried  in DLQ  queued  queue age     p50      p99  peak memory',
      'resize-service         1234         5        2        0       0       0        3 s  310 ms  1202 ms  326/2048 MB',
      'metadata-service          0         0        0        0       3      12          -       -        -            -',
      '',
    ]);
  });
});
