import { renameSync, writeFileSync } from 'node:fs';
import { METRICS_NAMESPACE } from '@imgpipe/registry';
import type { SqsHandler } from '../service-handlers';
import { parseEmfLine } from './emf-line';
import { MetricsBook } from './metrics-book';
import { oldestMessageAgeSeconds } from './queue-age';
import { tapStdout } from './stdout-tap';

/** How often the snapshot file is brought up to date while metrics arrive. */
const WRITE_INTERVAL_MS = 1000;

/** The local stack's collector of its services' metrics. */
export interface MetricsCollector {
  /** The service's handler, noting the queue age of every batch it is handed. */
  observed(service: string, handler: SqsHandler): SqsHandler;
  /** Writes the last snapshot and gives stdout back. */
  stop(): void;
}

/**
 * Collects the EMF documents the in-process services write to stdout (keeping them off
 * the console unless `verbose`) and keeps `file` up to date with what `imgpipe stats`
 * shows: per service, processed, rejected, retried, processing time p50/p99, queue age.
 *
 * @example
 * const collector = startMetricsCollector({ services: ['resize-service'], file, verbose: false });
 */
export function startMetricsCollector(options: {
  readonly services: readonly string[];
  readonly file: string;
  readonly verbose: boolean;
}): MetricsCollector {
  const book = new MetricsBook(options.services, new Date());
  let changed = true;
  const write = () => {
    if (!changed) return;
    changed = false;
    const temp = `${options.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(book.snapshot(new Date()), null, 2)}\n`);
    renameSync(temp, options.file);
  };
  const untap = tapStdout((line) => {
    const sample = parseEmfLine(line, METRICS_NAMESPACE);
    if (sample === undefined) return false;
    book.add(sample);
    changed = true;
    return true;
  }, options.verbose);
  write();
  const timer = setInterval(write, WRITE_INTERVAL_MS);
  timer.unref();
  return {
    observed: (service, handler) => (event, context) => {
      const age = oldestMessageAgeSeconds(event, Date.now());
      if (age !== undefined) {
        book.noteQueueAge(service, age);
        changed = true;
      }
      return handler(event, context);
    },
    stop() {
      clearInterval(timer);
      untap();
      write();
    },
  };
}
