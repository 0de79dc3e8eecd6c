import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createObservability } from './observability';
import { MetricName, METRICS_NAMESPACE } from './metric-names';

function captureStdout(run: () => void): string[] {
  const lines: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    run();
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
  return lines.join('').split('\n').filter(Boolean);
}

describe('createObservability', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env['POWERTOOLS_METRICS_DISABLED'];
    delete process.env['POWERTOOLS_DEV'];
    process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('given a service name, when a metric is published, then it is EMF in the imgpipe namespace with a service dimension', () => {
    const { metrics } = createObservability('resize-service');

    const lines = captureStdout(() => {
      metrics.addMetric(MetricName.ImagesProcessed, MetricUnit.Count, 2);
      metrics.publishStoredMetrics();
    });

    const emf = JSON.parse(lines.find((line) => line.includes('_aws')) ?? '{}') as Record<
      string,
      unknown
    > & {
      _aws: {
        CloudWatchMetrics: {
          Namespace: string;
          Dimensions: string[][];
          Metrics: { Name: string }[];
        }[];
      };
    };
    const directive = emf._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive?.Dimensions[0]).toContain('service');
    expect(directive?.Metrics.map((m) => m.Name)).toEqual(['ImagesProcessed']);
    expect(emf['service']).toBe('resize-service');
    expect(emf['ImagesProcessed']).toBe(2);
  });

  it('given a service name, when it logs with an image id, then the JSON line carries service and imageId', () => {
    const { logger } = createObservability('metadata-service');

    const lines = captureStdout(() => {
      logger.appendKeys({ imageId: 'a b/ü.jpg' });
      logger.info('decoded');
    });

    const entry = JSON.parse(lines.find((line) => line.includes('decoded')) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(entry).toMatchObject({
      level: 'INFO',
      message: 'decoded',
      service: 'metadata-service',
      imageId: 'a b/ü.jpg',
    });
  });

  it('given no Lambda execution environment, when created, then clients pass through untouched and traced work just runs', async () => {
    const client = { send: () => 'sent' };
    const { captureClient, trace } = createObservability('resize-service', {});

    expect(captureClient(client)).toBe(client);
    await expect(trace('download', async () => 42)).resolves.toBe(42);
  });

  it('given a Lambda execution environment without an active segment, when traced work runs, then its value comes back', async () => {
    const { trace } = createObservability('resize-service', {
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });

    await expect(trace('download', async () => 'bytes')).resolves.toBe('bytes');
  });
});
