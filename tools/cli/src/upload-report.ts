import type { CliIo } from './cli-io';
import type { InputProblem, LocalFile } from './file-discovery';
import { LiveLine } from './live-line';
import type { UploadProgress, WaitProgress } from './progress-line';
import { formatUploadLine, formatWaitLine } from './progress-line';
import type { ProcessingResult } from './wait-for-processing';
import { formatBytes, formatDuration, formatElapsed } from './units';

/** `live`: a redrawn progress line (a terminal); `plain`: a line per file; `json`: one document at the end. */
export type ReportMode = 'live' | 'plain' | 'json';

// How often the live line refreshes on its own, so elapsed time and ETA keep moving.
const TICK_MS = 250;

/**
 * Chooses the report mode: JSON when asked, a live line on a real terminal, else plain.
 *
 * @example
 * reportMode(io, false); // 'live' in a terminal, 'plain' when piped
 */
export function reportMode(io: CliIo, json: boolean): ReportMode {
  if (json) return 'json';
  return io.stdout.isTTY === true && io.env['TERM'] !== 'dumb' ? 'live' : 'plain';
}

/**
 * Everything an upload run tells the user, in the chosen {@link ReportMode}. Failures go
 * to stderr; results and summaries to stdout.
 *
 * @example
 * const report = new UploadReport(io, 'plain', { bucket: 'imgpipe-source', target: 'local stack' });
 * report.begin(files);
 * report.uploaded(files[0], '"9b2c…"');
 * report.uploadsEnded();
 */
export class UploadReport {
  private readonly line: LiveLine | undefined;
  private readonly uploadedFiles: { path: string; key: string; bytes: number; eTag: string }[] = [];
  private readonly failures: { path: string; key?: string; error: string }[] = [];
  private processing: ProcessingResult[] | undefined;
  private progress: UploadProgress = {
    filesDone: 0,
    filesFailed: 0,
    filesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    elapsedMs: 0,
  };
  private startedAt = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: CliIo,
    private readonly mode: ReportMode,
    private readonly where: { readonly bucket: string; readonly target: string },
    private readonly now: () => number = Date.now,
  ) {
    this.line = mode === 'live' ? new LiveLine(io.stdout, now) : undefined;
  }

  /** Inputs that gave nothing to upload; each counts as a failure. */
  problem(problem: InputProblem): void {
    this.fail(problem.path, undefined, problem.reason, 'skipped');
  }

  begin(files: readonly LocalFile[]): void {
    const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    this.startedAt = this.now();
    this.progress = { ...this.progress, filesTotal: files.length, bytesTotal };
    this.say(
      `Uploading ${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(bytesTotal)}) to s3://${this.where.bucket} on ${this.where.target}`,
    );
    this.startTicking(() =>
      this.line?.update((width) => formatUploadLine(this.currentUpload(), width)),
    );
  }

  uploaded(file: LocalFile, eTag: string): void {
    this.uploadedFiles.push({ path: file.path, key: file.key, bytes: file.size, eTag });
    this.advance(file, false);
    if (this.mode === 'plain')
      this.io.stdout.write(`uploaded  ${file.path} -> ${file.key}  ${formatBytes(file.size)}\n`);
  }

  failed(file: LocalFile, error: string): void {
    this.advance(file, true);
    this.fail(file.path, file.key, error, 'failed');
  }

  uploadsEnded(notStarted: number): void {
    this.stopTicking();
    this.line?.end();
    const { filesTotal, elapsedMs } = this.currentUpload();
    const bytes = this.uploadedFiles.reduce((sum, file) => sum + file.bytes, 0);
    const failed = this.failures.length > 0 ? `; ${this.failures.length} failed` : '';
    const interrupted = notStarted > 0 ? `; interrupted, ${notStarted} not started` : '';
    this.say(
      `Uploaded ${this.uploadedFiles.length} of ${filesTotal} files (${formatBytes(bytes)}) in ${formatElapsed(elapsedMs)}${failed}${interrupted}`,
    );
  }

  waitBegin(count: number, timeoutMs: number): void {
    this.say(
      `Waiting up to ${formatDuration(timeoutMs)} for ${count} image${count === 1 ? '' : 's'} to be processed`,
    );
  }

  waitProgress(progress: WaitProgress): void {
    this.line?.update((width) => formatWaitLine(progress, width));
  }

  imageEnded(result: ProcessingResult): void {
    if (this.mode === 'json') return;
    const text =
      result.state === 'done'
        ? `done      ${result.key}`
        : `rejected  ${result.key}: ${result.reasons.join('; ')}`;
    if (this.line) this.line.log(result.state === 'done' ? this.io.stdout : this.io.stderr, text);
    else (result.state === 'done' ? this.io.stdout : this.io.stderr).write(`${text}\n`);
  }

  waitEnded(results: ProcessingResult[]): void {
    this.line?.end();
    this.processing = results;
    const count = (state: string): number => results.filter((r) => r.state === state).length;
    const pending = results.filter((r) => r.state === 'pending');
    for (const result of pending) {
      if (this.mode !== 'json')
        this.io.stderr.write(`pending   ${result.key}: ${describePending(result)}\n`);
    }
    this.say(
      `Processed ${count('done')} of ${results.length}; ${count('rejected')} rejected, ${pending.length} still pending`,
    );
  }

  /** Writes the JSON document in `json` mode; nothing otherwise. */
  finish(): void {
    if (this.mode !== 'json') return;
    const document = {
      target: this.where.target,
      bucket: this.where.bucket,
      uploaded: this.uploadedFiles,
      failed: this.failures,
      ...(this.processing ? { processing: this.processing } : {}),
    };
    this.io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }

  private advance(file: LocalFile, failed: boolean): void {
    const p = this.progress;
    this.progress = {
      ...p,
      filesDone: p.filesDone + 1,
      filesFailed: p.filesFailed + (failed ? 1 : 0),
      bytesDone: p.bytesDone + file.size,
    };
    this.line?.update((width) => formatUploadLine(this.currentUpload(), width));
  }

  private currentUpload(): UploadProgress {
    return { ...this.progress, elapsedMs: this.now() - this.startedAt };
  }

  private fail(path: string, key: string | undefined, error: string, verb: string): void {
    this.failures.push({ path, ...(key !== undefined ? { key } : {}), error });
    if (this.mode === 'json') return;
    const text = `${verb.padEnd(8)}  ${path}: ${error}`;
    if (this.line) this.line.log(this.io.stderr, text);
    else this.io.stderr.write(`${text}\n`);
  }

  private say(text: string): void {
    if (this.mode !== 'json') this.io.stdout.write(`${text}\n`);
  }

  private startTicking(tick: () => void): void {
    if (!this.line) return;
    tick();
    this.ticker = setInterval(tick, TICK_MS);
    // A forgotten ticker must never keep the process alive.
    this.ticker.unref();
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}

function describePending(result: ProcessingResult): string {
  const waiting = Object.entries(result.stages)
    .filter(([, state]) => state === 'pending')
    .map(([stage]) => stage);
  if (!result.record) return 'no record yet';
  return waiting.length > 0
    ? `waiting for ${waiting.join(', ')}`
    : 'the record still describes an earlier upload';
}
