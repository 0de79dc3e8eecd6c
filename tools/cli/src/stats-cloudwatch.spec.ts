import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { SERVICES } from '@imgpipe/registry';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudWatchStats, statsQueries } from './stats-cloudwatch';

const since = new Date('2026-11-27T11:00:00.000Z');
const until = new Date('2026-11-27T12:00:00.000Z');

describe('statsQueries', () => {
  it('given a stage, when built, then every service asks for its dashboard metrics with its own dimension and queue names', () => {
    const queries = statsQueries('prod', since, until);
    const resize = SERVICES.findIndex((service) => service.name === 'resize');
    const byId = new Map(queries.map((query) => [query.Id, query.MetricStat]));

    expect(queries).toHaveLength(SERVICES.length * 9);
    expect(byId.get(`s${resize}_processed`)).toEqual({
      Metric: {
        Namespace: 'imgpipe',
        MetricName: 'ImagesProcessed',
        Dimensions: [{ Name: 'service', Value: 'resize-service' }],
      },
      Period: 3600,
      Stat: 'Sum',
    });
    expect(byId.get(`s${resize}_p99Ms`)?.Stat).toBe('p99');
    expect(byId.get(`s${resize}_dlq`)).toEqual({
      Metric: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: 'imgpipe-prod-resize-dlq' }],
      },
      Period: 60,
      Stat: 'Maximum',
    });
    expect(byId.get(`s${resize}_queueAgeSeconds`)?.Metric?.Dimensions).toEqual([
      { Name: 'QueueName', Value: 'imgpipe-prod-resize-queue' },
    ]);
  });
});

describe('cloudWatchStats', () => {
  const cloudwatch = mockClient(CloudWatchClient);
  afterEach(() => cloudwatch.reset());

  it('given paged results, when read, then counts are summed, queue figures are the newest, and no datapoint is 0 or unknown', async () => {
    const i = SERVICES.findIndex((service) => service.name === 'resize');
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: `s${i}_processed`, Values: [40], Timestamps: [since] },
          { Id: `s${i}_p50Ms`, Values: [210], Timestamps: [since] },
          { Id: `s${i}_deleted`, Values: [3], Timestamps: [since] },
          {
            Id: `s${i}_dlq`,
            Values: [2, 7],
            Timestamps: [new Date('2026-11-27T11:59:00Z'), new Date('2026-11-27T11:30:00Z')],
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        MetricDataResults: [{ Id: `s${i}_processed`, Values: [2], Timestamps: [until] }],
      });

    const report = await cloudWatchStats(new CloudWatchClient({}), 'prod', since, until, 'AWS');
    const resize = report.services.find((row) => row.service === 'resize-service');

    expect(resize).toEqual({
      service: 'resize-service',
      processed: 42,
      rejected: 0,
      deleted: 3,
      retried: 0,
      dlq: 2,
      queued: 0,
      queueAgeSeconds: null,
      p50Ms: 210,
      p99Ms: null,
    });
    const calls = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(
      calls.map((call) => (call.args[0].input as GetMetricDataCommandInput).NextToken),
    ).toEqual([undefined, 'page-2']);
    expect(calls[0]?.args[0].input.StartTime).toEqual(since);
  });

  it('given access denied, when read, then the error reaches the caller', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));

    await expect(
      cloudWatchStats(new CloudWatchClient({}), 'prod', since, until, 'AWS'),
    ).rejects.toThrow('not authorized');
  });
});
