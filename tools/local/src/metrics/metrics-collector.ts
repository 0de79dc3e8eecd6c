import { renameSync, writeFileSync } from 'node:fs';
import { METRICS_NAMESPACE } from '@imgpipe/registry';
import type { FunctionMemory } from '../functions/function-process';
import type { SqsHandler } from '../service-handlers';
import { parseEmfLine } from './emf-line';
import { MetricsBook } from './metrics-book';
import { oldestMessageAgeSeconds } from './queue-age';

/** How often the snapshot file is brought up to date while metrics arrive. */
const WRITE_INTERVAL_MS = 1000;

/** The local stack's collector of its services' metrics. */
export interface MetricsCollector {
  /** The service's handler, noting the queue age of every batch it is handed. */
  observed(service: string, handler: SqsHandler): SqsHandler;
  /**
   * Counts a line a function process wrote to its stdout, if it is an EMF document of the
   * services' namespace; says whether it was one.
   */
  take(line: string): boolean;
  /** Notes what the stack knows of the memory of a service's function processes. */
  noteMemory(service: string, memory: FunctionMemory): void;
  /** Writes the last snapshot. */
  stop(): void;
}

/**
 * Collects the EMF documents the services write to stdout, as their function processes hand
 * them over (`take`), and keeps `file` up to date with what `imgpipe stats` shows: per
 * service, processed, rejected, retried, processing time p50/p99, queue age, and the memory
 * of its function processes.
 *
 * @example
 * const collector = startMetricsCollector({ services: ['resize-service'], file });
 */
export function startMetricsCollector(options: {
  readonly services: readonly string[];
  readonly file: string;
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
  const take = (line: string): boolean => {
    const sample = parseEmfLine(line, METRICS_NAMESPACE);
    if (sample === undefined) return false;
    book.add(sample);
    changed = true;
    return true;
  };
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
    take,
    noteMemory(service, memory) {
      book.noteMemory(service, memory);
      changed = true;
    },
    stop() {
      clearInterval(timer);
      write();
    },
  };
}
