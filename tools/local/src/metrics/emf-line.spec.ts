import { parseEmfLine } from './emf-line';

const emf = (body: Record<string, unknown>, metrics: string[], namespace = 'imgpipe') =>
  JSON.stringify({
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['service']],
          Metrics: metrics.map((Name) => ({ Name })),
        },
      ],
    },
    ...body,
  });

describe('parseEmfLine', () => {
  it('given a Powertools document with an array value, when parsed, then every value of each declared metric is kept under its service', () => {
    const line = emf(
      { service: 'resize-service', ImagesProcessed: 2, ProcessingTime: [120, 80], Other: 5 },
      ['ImagesProcessed', 'ProcessingTime'],
    );

    expect(parseEmfLine(line, 'imgpipe')).toEqual({
      service: 'resize-service',
      values: { ImagesProcessed: [2], ProcessingTime: [120, 80] },
    });
  });

  it('given another namespace, a log line, broken JSON or no service, when parsed, then nothing is taken', () => {
    expect(parseEmfLine(emf({ service: 's', A: 1 }, ['A'], 'other'), 'imgpipe')).toBeUndefined();
    expect(parseEmfLine('{"level":"INFO","message":"image processed"}', 'imgpipe')).toBeUndefined();
    expect(parseEmfLine('{"_aws": {', 'imgpipe')).toBeUndefined();
    expect(parseEmfLine(emf({ A: 1 }, ['A']), 'imgpipe')).toBeUndefined();
  });
});
