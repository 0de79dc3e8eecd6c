import type { ServiceStats, StatsSnapshot } from '@imgpipe/aws';
import { MetricName } from '@imgpipe/registry';
import type { FunctionMemory } from '../functions/function-process';
import type { EmfSample } from './emf-line';

/** Enough samples for a steady p99; older ones are dropped first. */
const KEPT_SAMPLES = 10_000;

/**
 * The nearest-rank percentile (as CloudWatch's pNN of raw samples), or null when empty.
 *
 * @example
 * percentile([5, 1, 3], 50); // 3
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

interface Tally {
  processed: number;
  rejected: number;
  deleted: number;
  retried: number;
  times: number[];
  queueAgeSeconds: number | null;
  memory?: FunctionMemory;
}

function sum(values: readonly number[] | undefined): number {
  return (values ?? []).reduce((total, v) => total + v, 0);
}

/**
 * Adds up the services' EMF metrics the way the CloudWatch dashboard reads them: sums of
 * `ImagesProcessed`, `ImagesRejected`, `ImagesDeleted`, `ImagesRetried`, percentiles of `ProcessingTime`.
 *
 * @example
 * const book = new MetricsBook(['resize-service'], new Date());
 * book.add(parseEmfLine(line, METRICS_NAMESPACE)!);
 * book.snapshot(new Date()).services['resize-service']?.processed;
 */
export class MetricsBook {
  private readonly tallies = new Map<string, Tally>();

  constructor(
    services: readonly string[],
    private readonly since: Date,
  ) {
    for (const service of services) this.tally(service);
  }

  add(sample: EmfSample): void {
    const tally = this.tally(sample.service);
    tally.processed += sum(sample.values[MetricName.ImagesProcessed]);
    tally.rejected += sum(sample.values[MetricName.ImagesRejected]);
    tally.deleted += sum(sample.values[MetricName.ImagesDeleted]);
    tally.retried += sum(sample.values[MetricName.ImagesRetried]);
    tally.times.push(...(sample.values[MetricName.ProcessingTime] ?? []));
    if (tally.times.length > KEPT_SAMPLES) tally.times.splice(0, tally.times.length - KEPT_SAMPLES);
  }

  noteQueueAge(service: string, seconds: number): void {
    this.tally(service).queueAgeSeconds = seconds;
  }

  /** What the stack knows of the memory of the service's function processes. */
  noteMemory(service: string, memory: FunctionMemory): void {
    this.tally(service).memory = memory;
  }

  snapshot(now: Date): StatsSnapshot {
    const services: Record<string, ServiceStats> = {};
    for (const [service, t] of this.tallies) {
      services[service] = {
        processed: t.processed,
        rejected: t.rejected,
        deleted: t.deleted,
        retried: t.retried,
        processingMs: { p50: percentile(t.times, 50), p99: percentile(t.times, 99) },
        queueAgeSeconds: t.queueAgeSeconds,
        ...(t.memory === undefined ? {} : { memory: { ...t.memory } }),
      };
    }
    return { since: this.since.toISOString(), updated: now.toISOString(), services };
  }

  private tally(service: string): Tally {
    let tally = this.tallies.get(service);
    if (tally === undefined) {
      tally = {
        processed: 0,
        rejected: 0,
        deleted: 0,
        retried: 0,
        times: [],
        queueAgeSeconds: null,
      };
      this.tallies.set(service, tally);
    }
    return tally;
  }
}
