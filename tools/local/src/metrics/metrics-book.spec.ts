import { MetricsBook, percentile } from './metrics-book';

describe('percentile', () => {
  it('given samples, when asked for p50 and p99, then the nearest-rank values come back; none gives null', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('MetricsBook', () => {
  it('given documents from two services, when snapshotted, then each service has its own sums and percentiles', () => {
    const book = new MetricsBook(['resize-service', 'metadata-service'], new Date(0));
    book.add({
      service: 'resize-service',
      values: { ImagesProcessed: [1], ProcessingTime: [10, 30] },
    });
    book.add({
      service: 'resize-service',
      values: { ImagesRejected: [1], ImagesDeleted: [1, 1], ImagesRetried: [2] },
    });
    book.noteQueueAge('resize-service', 4.5);

    const { services, since } = book.snapshot(new Date(1000));

    expect(since).toBe('1970-01-01T00:00:00.000Z');
    expect(services['resize-service']).toEqual({
      processed: 1,
      rejected: 1,
      deleted: 2,
      retried: 2,
      processingMs: { p50: 10, p99: 30 },
      queueAgeSeconds: 4.5,
    });
    expect(services['metadata-service']).toEqual({
      processed: 0,
      rejected: 0,
      deleted: 0,
      retried: 0,
      processingMs: { p50: null, p99: null },
      queueAgeSeconds: null,
    });
  });

  it('given a function process memory noted, when snapshotted, then that service shows it and the others do not', () => {
    const book = new MetricsBook(['resize-service', 'metadata-service'], new Date(0));
    book.noteMemory('resize-service', { peakMb: 412, limitMb: 2048, restarts: 1 });

    const { services } = book.snapshot(new Date(1000));

    expect(services['resize-service']?.memory).toEqual({ peakMb: 412, limitMb: 2048, restarts: 1 });
    expect(services['metadata-service']).not.toHaveProperty('memory');
  });
});
