import type { SQSClient } from '@aws-sdk/client-sqs';
import type { StackDescription } from '@imgpipe/aws';
import { localStatsFile, readLocalStats } from '@imgpipe/aws';
import { queueCounts } from '@imgpipe/dlq';
import { SERVICES } from '@imgpipe/registry';
import type { StatsReport, StatsRow } from './stats-format';

/**
 * The local stack's numbers: the counts and percentiles it collected from the services'
 * EMF output since it started, and its queues' depths now. A queue that is empty has no
 * age, as `ApproximateAgeOfOldestMessage` is 0 on AWS.
 *
 * @example
 * const report = await localStats(stack, sqs, 'local stack');
 */
export async function localStats(
  stack: StackDescription,
  sqs: SQSClient,
  target: string,
): Promise<StatsReport> {
  const snapshot = readLocalStats(localStatsFile(stack.dataDir));
  const running = SERVICES.filter((service) => snapshot.services[service.project] !== undefined);
  const services = await Promise.all(
    running.map(async (service): Promise<StatsRow> => {
      const stats = snapshot.services[service.project];
      const queue = stack.queues[service.name];
      const [waiting, dead] = await Promise.all([
        queueCounts(sqs, queue.url),
        queueCounts(sqs, queue.dlqUrl),
      ]);
      const queued = waiting.visible + waiting.hidden;
      return {
        service: service.project,
        processed: stats?.processed ?? 0,
        rejected: stats?.rejected ?? 0,
        deleted: stats?.deleted ?? 0,
        retried: stats?.retried ?? 0,
        dlq: dead.visible + dead.hidden,
        queued,
        queueAgeSeconds: queued === 0 ? 0 : (stats?.queueAgeSeconds ?? null),
        p50Ms: stats?.processingMs.p50 ?? null,
        p99Ms: stats?.processingMs.p99 ?? null,
        ...(stats?.memory === undefined
          ? {}
          : { memory: { peakMb: stats.memory.peakMb, limitMb: stats.memory.limitMb } }),
      };
    }),
  );
  return { target, since: snapshot.since, until: snapshot.updated, services };
}
