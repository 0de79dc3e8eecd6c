/** What one phase of the run found, after its full count. */
export interface PhaseResult {
  readonly phase: string;
  /** The fault of the phase, as said in the table; `none` for the plain load. */
  readonly fault: string;
  /** How many calls (or, for a kill, unfinished uploads) the fault failed. */
  readonly faultHits: number;
  /** Images uploaded in this phase. */
  readonly images: number;
  /** Every image uploaded so far, all counted again after this phase. */
  readonly counted: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly dlq: number;
  readonly wronglyRejected: number;
  /** Messages the services reported for retry during the phase (their ImagesRetried metric). */
  readonly retries: number;
  readonly seconds: number;
  /** Upload to last stage written, per image of this phase. */
  readonly latenciesMs: readonly number[];
}

/** How one bad input ended. */
export interface BadInputResult {
  readonly what: string;
  /** Each stage's status, e.g. `image rejected, resize rejected, watermark rejected`. */
  readonly outcome: string;
  /** The first rejection's reason, if any. */
  readonly reason: string;
}

/** One function's memory over the run. */
export interface FunctionPeak {
  readonly name: string;
  /** Highest resident memory (VmHWM) of any of its processes. */
  readonly peakMb: number;
  /** Its memory setting, as infra gives the Lambda. */
  readonly limitMb: number;
  /** Processes started again after a crash or going over the setting. */
  readonly restarts: number;
}

/** The run as a whole. */
export interface RunSummary {
  readonly phases: readonly PhaseResult[];
  readonly badInputs: readonly BadInputResult[];
  /** Highest resident memory of the stack process of the run (VmHWM): emulators, runners. */
  readonly peakStackMemoryMb: number;
  /** Each function, run in its own process as on Lambda: its peak against its memory setting. */
  readonly functions: readonly FunctionPeak[];
  /** CPU seconds the stack and function processes used: throughput a busy machine does not skew. */
  readonly stackCpuSeconds: number;
  readonly machine: string;
  /** Wall time of the run: corpus, stack starts, phases and counts. */
  readonly totalSeconds: number;
}

/**
 * The value at or below which `p` per cent of `values` fall (nearest rank); 0 for none.
 *
 * @example
 * percentile([5, 1, 3, 2, 4], 50); // 3
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Columns padded to their widest cell: the first `leftColumns` flush left, the rest right. */
function table(rows: readonly (readonly string[])[], leftColumns: number): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column < leftColumns
            ? cell.padEnd(widths?.[column] ?? 0)
            : cell.padStart(widths?.[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The summary table the run prints: a row per phase, then the totals.
 *
 * @example
 * console.log(formatRunSummary(summary));
 */
export function formatRunSummary(summary: RunSummary): string {
  const header = [
    'phase',
    'fault',
    'hits',
    'images',
    'counted',
    'lost',
    'dup',
    'DLQ',
    'rejected',
    'retries',
    'images/s',
    'p50',
    'p99',
  ];
  const rows = summary.phases.map((phase) => [
    phase.phase,
    phase.fault,
    String(phase.faultHits),
    String(phase.images),
    String(phase.counted),
    String(phase.lost),
    String(phase.duplicates),
    String(phase.dlq),
    String(phase.wronglyRejected),
    String(phase.retries),
    (phase.images / Math.max(phase.seconds, 0.001)).toFixed(2),
    seconds(percentile(phase.latenciesMs, 50)),
    seconds(percentile(phase.latenciesMs, 99)),
  ]);
  const all = summary.phases.flatMap((phase) => phase.latenciesMs);
  const images = summary.phases.reduce((sum, phase) => sum + phase.images, 0);
  const phaseSeconds = summary.phases.reduce((sum, phase) => sum + phase.seconds, 0);
  const last = summary.phases[summary.phases.length - 1];
  const totals = [
    'total',
    `${summary.phases.filter((phase) => phase.fault !== 'none').length} faults`,
    String(summary.phases.reduce((sum, phase) => sum + phase.faultHits, 0)),
    String(images),
    String(last?.counted ?? 0),
    String(last?.lost ?? 0),
    String(last?.duplicates ?? 0),
    String(last?.dlq ?? 0),
    String(last?.wronglyRejected ?? 0),
    String(summary.phases.reduce((sum, phase) => sum + phase.retries, 0)),
    (images / Math.max(phaseSeconds, 0.001)).toFixed(2),
    seconds(percentile(all, 50)),
    seconds(percentile(all, 99)),
  ];
  return [
    table([header, ...rows, totals], 2),
    '',
    ...(summary.functions.length === 0
      ? []
      : [
          table(
            [
              ['function', 'peak MB', 'memory MB', 'peak/memory', 'restarts'],
              ...summary.functions.map((fn) => [
                fn.name,
                String(fn.peakMb),
                String(fn.limitMb),
                `${Math.round((fn.peakMb / Math.max(fn.limitMb, 1)) * 100)} %`,
                String(fn.restarts),
              ]),
            ],
            1,
          ),
          '',
        ]),
    `peak memory of the stack process (emulators, gateways, runners): ${summary.peakStackMemoryMb} MB; CPU of the stack and its functions ${summary.stackCpuSeconds.toFixed(0)} s (${(images / Math.max(summary.stackCpuSeconds, 0.001)).toFixed(2)} images per CPU-second)`,
    `${seconds(summary.totalSeconds * 1000)} in all on ${summary.machine}`,
    ...(summary.badInputs.length === 0
      ? []
      : [
          '',
          `bad inputs (${summary.badInputs.length}):`,
          table(
            summary.badInputs.map((input) => [
              input.what,
              input.outcome,
              input.reason.length > 90 ? `${input.reason.slice(0, 89)}…` : input.reason,
            ]),
            3,
          ),
        ]),
  ].join('\n');
}
