import type { ProcessCpuDelta } from './process-tree-cpu';

/** CPU seconds one kind of process used during the pipeline run. */
export interface KindCpu {
  readonly kind: string;
  readonly seconds: number;
  /** Of which on its processes' main threads (JavaScript); the rest is libvips, libuv's pool, GC. */
  readonly mainSeconds: number;
}

/** The stack's own process: every emulator, IAM gateway, queue runner and the S3 bridge. */
export const STACK = 'stack: emulators, IAM gateways, runners, S3 bridge';
const ESBUILD = "esbuild (tsx's loader)";
const OTHER = 'other processes';

function kindOf(process: ProcessCpuDelta, stackPid: number): string {
  if (process.service !== undefined) return `${process.service} function`;
  if (process.pid === stackPid) return STACK;
  if (/(^|\/)esbuild /.test(process.command)) return ESBUILD;
  return OTHER;
}

/**
 * The stack's CPU by kind of process, largest first: each function by its service, the
 * stack's own process, tsx's esbuild helpers, and what is left. Kinds that
 * used nothing are left out.
 *
 * @example
 * cpuByKind(cpuSince(before, after), local.stack.pid); // [{ kind: 'resize-service function', seconds: 41.2, mainSeconds: 9.0 }, …]
 */
export function cpuByKind(processes: readonly ProcessCpuDelta[], stackPid: number): KindCpu[] {
  const kinds = new Map<string, { seconds: number; mainSeconds: number }>();
  for (const process of processes) {
    const kind = kindOf(process, stackPid);
    const sum = kinds.get(kind) ?? { seconds: 0, mainSeconds: 0 };
    kinds.set(kind, {
      seconds: sum.seconds + process.seconds,
      mainSeconds: sum.mainSeconds + process.mainSeconds,
    });
  }
  return [...kinds.entries()]
    .map(([kind, sum]) => ({ kind, ...sum }))
    .filter((kind) => kind.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds);
}

/** What the CPU split table is built from, all measured in one run. */
export interface CpuSplitInput {
  readonly kinds: readonly KindCpu[];
  /** The bench process's own CPU during the pipeline run: the uploads and the done-poll. */
  readonly clientSeconds: number;
  readonly pipelineMs: number;
  /** CPU and wall time of the bare runs, their mean, and the CPU of this process's main thread. */
  readonly bareSeconds: number;
  readonly bareMainSeconds: number;
  readonly bareMs: number;
  readonly cores: number;
}

const share = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';

/**
 * The CPU split as table rows (header first): per kind its CPU seconds, its share of the
 * pipeline's CPU, and its CPU as a share of the bare run's; then the pipeline's total and
 * the bare run's, with how busy each kept the cores (CPU ÷ (wall × cores)).
 *
 * @example
 * formatSection(cpuSplitRows(input));
 */
export function cpuSplitRows(input: CpuSplitInput): string[][] {
  const { kinds, clientSeconds, pipelineMs, bareSeconds, bareMainSeconds, bareMs, cores } = input;
  const total = kinds.reduce((sum, kind) => sum + kind.seconds, clientSeconds);
  const busy = (seconds: number, ms: number) =>
    ms > 0 ? `${Math.round(((seconds * 1000) / (ms * cores)) * 100)} %` : '–';
  const row = (kind: string, seconds: number, main: string) => [
    kind,
    seconds.toFixed(1),
    share(seconds, total),
    share(seconds, bareSeconds),
    main,
    '',
  ];
  return [
    ['CPU during the run', 'CPU s', 'of pipeline', 'of bare', 'on main thread', 'cores busy'],
    ...kinds.map((kind) => row(kind.kind, kind.seconds, share(kind.mainSeconds, kind.seconds))),
    row('bench: uploads and done-poll', clientSeconds, ''),
    [
      'pipeline, all of it',
      total.toFixed(1),
      '100 %',
      share(total, bareSeconds),
      '',
      busy(total, pipelineMs),
    ],
    [
      'bare sharp (mean of both)',
      bareSeconds.toFixed(1),
      '',
      '100 %',
      share(bareMainSeconds, bareSeconds),
      busy(bareSeconds, bareMs),
    ],
  ];
}
