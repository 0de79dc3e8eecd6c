import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processMemory } from '@imgpipe/process-stats';
import { loadResizeJob } from './service-jobs';

/** What the child process reports, in megabytes (2^20 bytes). */
export interface PeakRss {
  /** Resident memory after loading sharp and the job, before reading the image. */
  readonly baselineMb: number;
  /** The process's high-water mark after one resize (its `VmHWM`, see {@link ownPeakMb}). */
  readonly peakMb: number;
}

const MARKER = 'imgpipe-bench-rss ';

/**
 * Runs the resize job once on `jpeg` in a fresh node process (the same flags and
 * environment as this one, so MALLOC_ARENA_MAX=2 and tsx apply) and returns its peak
 * resident memory: a process of its own, so nothing this benchmark allocated counts.
 *
 * @example
 * const { peakMb } = await measurePeakRss(await syntheticPhotoJpeg(PHOTO_SIZES['24 MP']));
 */
export async function measurePeakRss(jpeg: Buffer): Promise<PeakRss> {
  const folder = await mkdtemp(join(tmpdir(), 'imgpipe-bench-'));
  try {
    const file = join(folder, 'photo.jpg');
    await writeFile(file, jpeg);
    return await runMeasuringChild<PeakRss>(['--rss-child', file]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The child's side: loads the job, reads the image, resizes it once, returns the figures.
 *
 * @example
 * printMeasurement(await reportPeakRss('/tmp/photo.jpg'));
 */
export async function reportPeakRss(file: string): Promise<PeakRss> {
  const resize = await loadResizeJob();
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  await resize.job(await readFile(file));
  return { baselineMb, peakMb: ownPeakMb() };
}

/**
 * This process's resident high-water mark in MB, from `/proc/self/status` (`VmHWM`), which
 * starts afresh at exec. Not getrusage's maxRSS: Linux keeps in it the resident size the
 * process had at fork, so a child of a large parent reports the parent's size.
 *
 * @throws Error when `/proc` is missing: the bench measures memory on Linux only.
 * @example
 * const peakMb = ownPeakMb(); // 212
 */
export function ownPeakMb(): number {
  const memory = processMemory('self');
  if (memory === undefined) throw new Error('no /proc/self/status: peak memory needs Linux');
  return memory.peakMb;
}

/**
 * Prints a child's figures as the one line {@link runMeasuringChild} looks for.
 *
 * @example
 * printMeasurement({ baselineMb: 86, peakMb: 301 }); // imgpipe-bench-rss {"baselineMb":86,"peakMb":301}
 */
export function printMeasurement(figures: object): void {
  process.stdout.write(`${MARKER}${JSON.stringify(figures)}\n`);
}

/**
 * Runs this benchmark's entry point again in a fresh node process with `args` (one of the
 * internal child commands) and `env` over this process's environment, and returns the
 * figures it printed with {@link printMeasurement}.
 *
 * @throws Error with the child's output when it fails or prints no figures.
 * @example
 * const figures = await runMeasuringChild<PeakRss>(['--rss-child', '/tmp/photo.jpg']);
 */
export async function runMeasuringChild<T>(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<T> {
  const output = await runChild([...process.execArgv, join(__dirname, 'main.ts'), ...args], {
    ...process.env,
    ...env,
  });
  const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER));
  if (line === undefined) throw new Error(`the measuring child printed no result:\n${output}`);
  return JSON.parse(line.slice(MARKER.length)) as T;
}

function runChild(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`the measuring child exited with ${String(code)}:\n${output}`)),
    );
  });
}
