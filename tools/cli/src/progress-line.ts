import { formatBytes, formatDuration } from './units';

/** Where an upload run stands; `done` counts failed files too (they are finished). */
export interface UploadProgress {
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly elapsedMs: number;
}

/** Where a wait for processing stands. */
export interface WaitProgress {
  readonly ended: number;
  readonly rejected: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
}

/** Where a DLQ move task stands, as SQS last reported it. */
export interface MoveProgress {
  readonly service: string;
  readonly moved: number;
  /** What the DLQ held when the task started; unknown until SQS says. */
  readonly toMove: number | undefined;
  readonly elapsedMs: number;
}

// Below this much elapsed time a rate is noise, and an ETA from it misleads.
const MIN_ELAPSED_FOR_RATE_MS = 500;
const BAR_MIN = 10;
const BAR_MAX = 30;

/**
 * One line of upload progress, fitted to `width` columns: a bar when there is room,
 * files and bytes done, transfer rate and time left.
 *
 * @example
 * formatUploadLine({ filesDone: 1, filesFailed: 0, filesTotal: 4, bytesDone: 1048576,
 *   bytesTotal: 4194304, elapsedMs: 2000 }, 80);
 * // 'Uploading [███████░░░░░░░░░░░░░░░░░░░] 1/4 files  1.0/4.0 MiB  512 KiB/s  ETA 6s'
 */
export function formatUploadLine(progress: UploadProgress, width: number): string {
  const { filesDone, filesFailed, filesTotal, bytesDone, bytesTotal, elapsedMs } = progress;
  const rate =
    elapsedMs >= MIN_ELAPSED_FOR_RATE_MS && bytesDone > 0
      ? (bytesDone * 1000) / elapsedMs
      : undefined;
  const eta = rate === undefined ? '--' : formatDuration(((bytesTotal - bytesDone) / rate) * 1000);
  const parts = [
    `${String(filesDone).padStart(String(filesTotal).length)}/${filesTotal} files`,
    `${formatBytesPair(bytesDone, bytesTotal)}`,
    rate === undefined ? '-- /s' : `${formatBytes(rate)}/s`,
    `ETA ${eta}`,
    ...(filesFailed > 0 ? [`${filesFailed} failed`] : []),
  ];
  const fraction =
    bytesTotal > 0 ? bytesDone / bytesTotal : filesTotal > 0 ? filesDone / filesTotal : 1;
  return withBar('Uploading', fraction, parts.join('  '), width);
}

/**
 * One line of progress while waiting for the pipeline to finish the uploaded images (or,
 * labelled `Deleting`, to follow deleted ones).
 *
 * @example
 * formatWaitLine({ ended: 3, rejected: 1, total: 10, elapsedMs: 12000, timeoutMs: 120000 }, 80);
 * // 'Processing [████████░░░░░░░░░░░░░░░░░░░░]  3/10 images  1 rejected  12s of 2m00s'
 */
export function formatWaitLine(
  progress: WaitProgress,
  width: number,
  label = 'Processing',
): string {
  const { ended, rejected, total, elapsedMs, timeoutMs } = progress;
  const parts = [
    `${String(ended).padStart(String(total).length)}/${total} images`,
    ...(rejected > 0 ? [`${rejected} rejected`] : []),
    `${formatDuration(elapsedMs)} of ${formatDuration(timeoutMs)}`,
  ];
  return withBar(label, total > 0 ? ended / total : 1, parts.join('  '), width);
}

/**
 * One line of progress while SQS moves a DLQ back to its queue.
 *
 * @example
 * formatMoveLine({ service: 'resize', moved: 25, toMove: 40, elapsedMs: 12000 }, 80);
 * // 'Moving resize [████████████████░░░░░░░░░] 25/40 messages  12s'
 */
export function formatMoveLine(progress: MoveProgress, width: number): string {
  const { service, moved, toMove, elapsedMs } = progress;
  const count = toMove === undefined ? `${moved} messages` : `${moved}/${toMove} messages`;
  const fraction = toMove === undefined || toMove === 0 ? 0 : moved / toMove;
  return withBar(`Moving ${service}`, fraction, `${count}  ${formatDuration(elapsedMs)}`, width);
}

/**
 * One line of progress while `reprocess --prefix` republishes objects.
 *
 * @example
 * formatReprocessLine({ done: 12, failed: 1, total: 120, elapsedMs: 3000 }, 80);
 * // 'Reprocessing [██░░░░░░░░░░░░░░░░░░░░░░░░░░░░]  12/120 objects  1 failed  3s'
 */
export function formatReprocessLine(
  progress: {
    readonly done: number;
    readonly failed: number;
    readonly total: number;
    readonly elapsedMs: number;
  },
  width: number,
): string {
  const { done, failed, total, elapsedMs } = progress;
  const parts = [
    `${String(done).padStart(String(total).length)}/${total} objects`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    formatDuration(elapsedMs),
  ];
  return withBar('Reprocessing', total > 0 ? done / total : 1, parts.join('  '), width);
}

/**
 * One line of progress while a listing scans the table, whose size it cannot know ahead.
 *
 * @example
 * formatScanLine({ table: 'imgpipe-images', read: 1200, matching: 45, elapsedMs: 3000 }, 80);
 * // 'Scanning imgpipe-images  1200 records read  45 matching  3s'
 */
export function formatScanLine(
  progress: {
    readonly table: string;
    readonly read: number;
    readonly matching: number;
    readonly elapsedMs: number;
  },
  width: number,
): string {
  const { table, read, matching, elapsedMs } = progress;
  const text = `Scanning ${table}  ${read} records read  ${matching} matching  ${formatDuration(elapsedMs)}`;
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * A progress bar of `cells` characters for a fraction from 0 to 1.
 *
 * @example
 * progressBar(0.5, 4); // '██░░'
 */
export function progressBar(fraction: number, cells: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

function formatBytesPair(done: number, total: number): string {
  const [doneText, totalText] = [formatBytes(done), formatBytes(total)];
  const unit = totalText.split(' ')[1];
  // "1.0/4.0 MiB" reads better than "1.0 MiB/4.0 MiB" when both share a unit.
  return doneText.endsWith(` ${unit}`)
    ? `${doneText.split(' ')[0]}/${totalText}`
    : `${doneText}/${totalText}`;
}

function withBar(label: string, fraction: number, text: string, width: number): string {
  const room = width - label.length - text.length - 4;
  if (room >= BAR_MIN)
    return `${label} [${progressBar(fraction, Math.min(BAR_MAX, room))}] ${text}`;
  const plain = `${label} ${text}`;
  return plain.length <= width ? plain : `${plain.slice(0, Math.max(0, width - 1))}…`;
}
