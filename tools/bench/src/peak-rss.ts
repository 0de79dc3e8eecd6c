import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResizeJob } from './service-jobs';

/** What the child process reports, in megabytes (2^20 bytes). */
export interface PeakRss {
  /** Resident memory after loading sharp and the job, before reading the image. */
  readonly baselineMb: number;
  /** `process.resourceUsage().maxRSS` after one resize: the high-water mark of the process. */
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
    const output = await runChild([
      ...process.execArgv,
      join(__dirname, 'main.ts'),
      '--rss-child',
      file,
    ]);
    const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER));
    if (line === undefined) throw new Error(`the peak-RSS child printed no result:\n${output}`);
    return JSON.parse(line.slice(MARKER.length)) as PeakRss;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The child's side: loads the job, reads the image, resizes it once, prints the figures.
 *
 * @example
 * await reportPeakRss('/tmp/photo.jpg'); // prints `imgpipe-bench-rss {"baselineMb":…,"peakMb":…}`
 */
export async function reportPeakRss(file: string): Promise<void> {
  const resize = await loadResizeJob();
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  await resize.job(await readFile(file));
  // maxRSS is in kilobytes (KiB) on Linux.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${MARKER}${JSON.stringify({ baselineMb, peakMb })}\n`);
}

function runChild(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`the peak-RSS child exited with ${String(code)}:\n${output}`)),
    );
  });
}
