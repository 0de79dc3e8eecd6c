import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One service's numbers, as its row of the CloudWatch dashboard shows them. */
export interface ServiceStats {
  readonly processed: number;
  readonly rejected: number;
  /** Removals of a source the service applied (its stage marked deleted, its outputs gone). */
  readonly deleted: number;
  readonly retried: number;
  /** Milliseconds per image (processed or rejected), over the latest samples kept. */
  readonly processingMs: { readonly p50: number | null; readonly p99: number | null };
  /** Age of the oldest message in the latest batch received (the queue age alarm's metric). */
  readonly queueAgeSeconds: number | null;
  /**
   * Local stack only, where each function runs in a process of its own: the highest resident
   * memory of its processes (as Lambda's "Max Memory Used"), its memory setting, and how many
   * times a process was started again after a crash or going over that setting.
   */
  readonly memory?: {
    readonly peakMb: number;
    readonly limitMb: number;
    readonly restarts: number;
  };
}

/** What the local stack has collected from its services' EMF output since it started. */
export interface StatsSnapshot {
  readonly since: string;
  readonly updated: string;
  /** Keyed by service project name (`resize-service`), the metrics' `service` dimension. */
  readonly services: Readonly<Record<string, ServiceStats>>;
}

/**
 * Where a local stack keeps its collected metrics, beside `stack.json` in its data folder.
 *
 * @example
 * localStatsFile(stack.dataDir); // '/repo/.imgpipe/metrics.json'
 */
export function localStatsFile(dataDir: string): string {
  return join(dataDir, 'metrics.json');
}

/**
 * Reads the metrics a running local stack has written.
 *
 * @throws Error naming the file when it is missing or unreadable.
 * @example
 * const stats = readLocalStats(localStatsFile(stack.dataDir));
 */
export function readLocalStats(file: string): StatsSnapshot {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StatsSnapshot;
  } catch (error) {
    throw new Error(`no metrics from the local stack at ${file}: ${String(error)}`);
  }
}
