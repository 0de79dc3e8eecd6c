import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type {
  CloudWatchClient,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import type { QueueFedService } from '@imgpipe/registry';
import { METRICS_NAMESPACE, MetricName, SERVICES, serviceResourceNames } from '@imgpipe/registry';
import type { StatsReport, StatsRow } from './stats-format';

/** The SQS metrics are published every minute; the latest minute is the "now" of a queue. */
const QUEUE_PERIOD_SECONDS = 60;

type Field = Exclude<keyof StatsRow, 'service' | 'memory'>;

/** Fields that are samples: with no datapoint they are unknown, where a count is 0. */
const SAMPLE_FIELDS: ReadonlySet<Field> = new Set(['p50Ms', 'p99Ms', 'queueAgeSeconds']);

interface Wanted {
  readonly field: Field;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  /** Summed over the window, or the latest value. */
  readonly over: 'window' | 'latest';
}

function wantedFor(service: QueueFedService, stage: string): Wanted[] {
  const own = { service: service.project };
  const names = serviceResourceNames(stage, service.name);
  const queue = { QueueName: names.queueName };
  const dlq = { QueueName: names.dlqName };
  const imgpipe = (field: Field, metric: string, stat: string): Wanted => ({
    field,
    namespace: METRICS_NAMESPACE,
    metric,
    dimensions: own,
    stat,
    over: 'window',
  });
  const sqs = (field: Field, metric: string, dimensions: Record<string, string>): Wanted => ({
    field,
    namespace: 'AWS/SQS',
    metric,
    dimensions,
    stat: 'Maximum',
    over: 'latest',
  });
  return [
    imgpipe('processed', MetricName.ImagesProcessed, 'Sum'),
    imgpipe('rejected', MetricName.ImagesRejected, 'Sum'),
    imgpipe('deleted', MetricName.ImagesDeleted, 'Sum'),
    imgpipe('retried', MetricName.ImagesRetried, 'Sum'),
    imgpipe('p50Ms', MetricName.ProcessingTime, 'p50'),
    imgpipe('p99Ms', MetricName.ProcessingTime, 'p99'),
    sqs('dlq', 'ApproximateNumberOfMessagesVisible', dlq),
    sqs('queued', 'ApproximateNumberOfMessagesVisible', queue),
    sqs('queueAgeSeconds', 'ApproximateAgeOfOldestMessage', queue),
  ];
}

/** A window's period: whole minutes, as CloudWatch requires, covering it in one datapoint. */
function windowPeriod(since: Date, until: Date): number {
  return Math.max(60, Math.ceil((until.getTime() - since.getTime()) / 60_000) * 60);
}

/**
 * The GetMetricData queries for the dashboard's numbers of every service: the imgpipe
 * metrics over the window (one datapoint), the SQS ones per minute (the latest is used).
 * Ids are `s<service index>_<field>`.
 *
 * @example
 * statsQueries('prod', since, until).length; // 9 per service
 */
export function statsQueries(stage: string, since: Date, until: Date): MetricDataQuery[] {
  const period = windowPeriod(since, until);
  return SERVICES.flatMap((service, i) =>
    wantedFor(service, stage).map((wanted) => ({
      Id: `s${i}_${wanted.field}`,
      MetricStat: {
        Metric: {
          Namespace: wanted.namespace,
          MetricName: wanted.metric,
          Dimensions: Object.entries(wanted.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: wanted.over === 'window' ? period : QUEUE_PERIOD_SECONDS,
        Stat: wanted.stat,
      },
      ReturnData: true,
    })),
  );
}

function valueOf(result: MetricDataResult | undefined, over: Wanted['over']): number | null {
  const values = result?.Values ?? [];
  if (values.length === 0) return null;
  if (over === 'latest') {
    const stamps = result?.Timestamps ?? [];
    const newest = stamps.reduce((best, t, i) => (t > (stamps[best] ?? t) ? i : best), 0);
    return values[newest] ?? null;
  }
  return values.reduce((sum, v) => sum + v, 0);
}

/**
 * Turns GetMetricData results into rows: no datapoint is 0 for a count and no sample (null)
 * for a percentile or a queue age, as the dashboard shows them.
 *
 * @example
 * const rows = statsRows('prod', results);
 */
export function statsRows(stage: string, results: readonly MetricDataResult[]): StatsRow[] {
  const byId = new Map(results.map((result) => [result.Id, result]));
  return SERVICES.map((service, i) => {
    const values = Object.fromEntries(
      wantedFor(service, stage).map((wanted) => {
        const value = valueOf(byId.get(`s${i}_${wanted.field}`), wanted.over);
        return [wanted.field, value ?? (SAMPLE_FIELDS.has(wanted.field) ? null : 0)];
      }),
    ) as Record<Field, number | null>;
    return {
      service: service.project,
      processed: values.processed ?? 0,
      rejected: values.rejected ?? 0,
      deleted: values.deleted ?? 0,
      retried: values.retried ?? 0,
      dlq: values.dlq ?? 0,
      queued: values.queued ?? 0,
      queueAgeSeconds: values.queueAgeSeconds,
      p50Ms: values.p50Ms,
      p99Ms: values.p99Ms,
    };
  });
}

/**
 * Reads the same numbers the local stack keeps from CloudWatch, paging through
 * GetMetricData, so `imgpipe stats --aws` means what `imgpipe stats` means locally.
 *
 * @example
 * const report = await cloudWatchStats(cloudwatch, 'prod', since, new Date(), 'AWS eu-west-1');
 */
export async function cloudWatchStats(
  cloudwatch: CloudWatchClient,
  stage: string,
  since: Date,
  until: Date,
  target: string,
): Promise<StatsReport> {
  const queries = statsQueries(stage, since, until);
  const results: MetricDataResult[] = [];
  // GetMetricData takes at most 500 queries per call.
  for (let start = 0; start < queries.length; start += 500) {
    let nextToken: string | undefined;
    do {
      const out = await cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries.slice(start, start + 500),
          StartTime: since,
          EndTime: until,
          ScanBy: 'TimestampDescending',
          NextToken: nextToken,
        }),
      );
      for (const result of out.MetricDataResults ?? []) {
        const seen = results.find((r) => r.Id === result.Id);
        if (seen === undefined) results.push(result);
        else {
          seen.Values = [...(seen.Values ?? []), ...(result.Values ?? [])];
          seen.Timestamps = [...(seen.Timestamps ?? []), ...(result.Timestamps ?? [])];
        }
      }
      nextToken = out.NextToken;
    } while (nextToken !== undefined);
  }
  return {
    target,
    since: since.toISOString(),
    until: until.toISOString(),
    services: statsRows(stage, results),
  };
}
