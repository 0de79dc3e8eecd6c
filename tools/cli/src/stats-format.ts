/** One service's line of `imgpipe stats`: the numbers of its CloudWatch dashboard row. */
export interface StatsRow {
  /** The service's project name, the metrics' `service` dimension. */
  readonly service: string;
  readonly processed: number;
  readonly rejected: number;
  /** Source removals applied (the stage marked deleted, its outputs removed). */
  readonly deleted: number;
  readonly retried: number;
  /** Messages in its dead-letter queue now. */
  readonly dlq: number;
  /** Messages waiting in its queue now. */
  readonly queued: number;
  readonly queueAgeSeconds: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /**
   * Local stack only: the highest resident memory of the function's processes and its memory
   * setting (on AWS, Lambda reports it per invocation in the log, not as a metric).
   */
  readonly memory?: { readonly peakMb: number; readonly limitMb: number };
}

/** What a stats report covers. */
export interface StatsReport {
  readonly target: string;
  /** Start of the window the counts and percentiles cover. */
  readonly since: string;
  readonly until: string;
  readonly services: readonly StatsRow[];
}

const COLUMNS: readonly { title: string; cell: (row: StatsRow) => string }[] = [
  { title: 'service', cell: (r) => r.service },
  { title: 'processed', cell: (r) => String(r.processed) },
  { title: 'rejected', cell: (r) => String(r.rejected) },
  { title: 'deleted', cell: (r) => String(r.deleted) },
  { title: 'retried', cell: (r) => String(r.retried) },
  { title: 'in DLQ', cell: (r) => String(r.dlq) },
  { title: 'queued', cell: (r) => String(r.queued) },
  {
    title: 'queue age',
    cell: (r) => (r.queueAgeSeconds === null ? '-' : `${Math.round(r.queueAgeSeconds)} s`),
  },
  { title: 'p50', cell: (r) => (r.p50Ms === null ? '-' : `${Math.round(r.p50Ms)} ms`) },
  { title: 'p99', cell: (r) => (r.p99Ms === null ? '-' : `${Math.round(r.p99Ms)} ms`) },
  {
    title: 'peak memory',
    cell: (r) => (r.memory === undefined ? '-' : `${r.memory.peakMb}/${r.memory.limitMb} MB`),
  },
];

/**
 * The report as a table: the window, then one aligned row per service (the service left,
 * numbers right), `-` where there is no sample yet.
 *
 * @example
 * io.stdout.write(formatStatsReport(report));
 */
export function formatStatsReport(report: StatsReport): string {
  const cells = [
    COLUMNS.map((column) => column.title),
    ...report.services.map((row) => COLUMNS.map((column) => column.cell(row))),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  const lines = cells.map((line) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  '),
  );
  return [`${report.target}: ${report.since} to ${report.until}`, ...lines, ''].join('\n');
}
