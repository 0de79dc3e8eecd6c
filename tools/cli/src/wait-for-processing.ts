import type { ImageRecord } from '@imgpipe/event-schemas';
import { mapWithConcurrency } from './concurrency';
import type { WaitProgress } from './progress-line';
import type { RecordState } from './record-state';
import { recordState } from './record-state';

/** An uploaded object to wait for. */
export interface UploadedImage {
  readonly key: string;
  readonly eTag?: string;
}

/** How an image ended up, or `pending` when the wait gave up on it. */
export interface ProcessingResult extends RecordState {
  readonly key: string;
  readonly record?: ImageRecord;
}

/** What waiting needs from the outside world. */
export interface WaitDeps {
  readonly getRecord: (key: string) => Promise<ImageRecord | undefined>;
  readonly now: () => number;
  /** Resolves after `ms`, or early when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onProgress?: (progress: WaitProgress) => void;
  readonly onEnded?: (result: ProcessingResult) => void;
}

// Enough parallel reads to poll many images quickly without crowding the table.
const READ_CONCURRENCY = 4;

/**
 * Polls the image table until every image's record has all stages ended (done or
 * rejected) for this upload, the timeout passes, or the signal aborts. Images still
 * unfinished come back `pending`. `until` says when an image has ended instead, e.g. once
 * its record says `deleted`.
 *
 * @example
 * const results = await waitForProcessing([{ key: 'a.jpg', eTag }], deps, { timeoutMs: 120_000, intervalMs: 1000 });
 */
export async function waitForProcessing(
  images: readonly UploadedImage[],
  deps: WaitDeps,
  options: {
    readonly timeoutMs: number;
    readonly intervalMs: number;
    readonly signal?: AbortSignal;
    readonly until?: (state: RecordState) => boolean;
  },
): Promise<ProcessingResult[]> {
  const ended = options.until ?? ((state: RecordState) => state.state !== 'pending');
  const started = deps.now();
  const results = new Map<string, ProcessingResult>();
  let open = [...images];
  const report = (): void =>
    deps.onProgress?.({
      ended: results.size,
      rejected: [...results.values()].filter((r) => r.state === 'rejected').length,
      total: images.length,
      elapsedMs: deps.now() - started,
      timeoutMs: options.timeoutMs,
    });
  const latest = new Map<string, ImageRecord | undefined>();
  for (;;) {
    await mapWithConcurrency(open, READ_CONCURRENCY, async (image) => {
      const record = await deps.getRecord(image.key);
      latest.set(image.key, record);
      const state = recordState(record, image.eTag);
      if (!ended(state)) return;
      const result = { key: image.key, ...state, ...(record ? { record } : {}) };
      results.set(image.key, result);
      deps.onEnded?.(result);
    });
    open = open.filter((image) => !results.has(image.key));
    report();
    if (open.length === 0 || options.signal?.aborted || deps.now() - started >= options.timeoutMs)
      break;
    await deps.sleep(
      Math.min(options.intervalMs, options.timeoutMs - (deps.now() - started)),
      options.signal,
    );
  }
  return images.map((image) => {
    const result = results.get(image.key);
    if (result) return result;
    const record = latest.get(image.key);
    return { key: image.key, ...recordState(record, image.eTag), ...(record ? { record } : {}) };
  });
}
