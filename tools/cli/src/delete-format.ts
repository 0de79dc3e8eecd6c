import { EXIT } from './cli-io';
import type { StageState } from './record-state';
import { formatDuration, formatElapsed } from './units';
import type { ProcessingResult } from './wait-for-processing';

/** What `imgpipe delete` did with one key. */
export type DeleteOutcome =
  | { readonly key: string; readonly outcome: 'deleted' | 'missing' }
  | { readonly key: string; readonly outcome: 'failed'; readonly error: string };

/**
 * The line said for one key as it is done: deleted on stdout; no object, or a failure, on
 * stderr (`stream` says which).
 *
 * @example
 * deleteLine({ key: 'a.jpg', outcome: 'deleted' }, 'imgpipe-source');
 * // { stream: 'stdout', text: 'deleted   s3://imgpipe-source/a.jpg' }
 */
export function deleteLine(
  outcome: DeleteOutcome,
  bucket: string,
): { readonly stream: 'stdout' | 'stderr'; readonly text: string } {
  const key = JSON.stringify(outcome.key);
  switch (outcome.outcome) {
    case 'deleted':
      return { stream: 'stdout', text: `deleted   s3://${bucket}/${outcome.key}` };
    case 'missing':
      return { stream: 'stderr', text: `no source object ${key} in ${bucket}: nothing to delete` };
    case 'failed':
      return { stream: 'stderr', text: `deleting ${key} failed: ${outcome.error}` };
  }
}

/**
 * The summary after the deletes: how many of the keys were deleted, had no object or failed.
 *
 * @example
 * formatDeleteSummary([{ key: 'a.jpg', outcome: 'deleted' }], 'imgpipe-source', 120);
 * // 'Deleted 1 of 1 objects from s3://imgpipe-source in 0.1s'
 */
export function formatDeleteSummary(
  outcomes: readonly DeleteOutcome[],
  bucket: string,
  elapsedMs: number,
): string {
  const count = (what: DeleteOutcome['outcome']) =>
    outcomes.filter((o) => o.outcome === what).length;
  const missing = count('missing');
  const failed = count('failed');
  return [
    `Deleted ${count('deleted')} of ${outcomes.length} objects from s3://${bucket} in ${formatElapsed(elapsedMs)}`,
    ...(missing > 0 ? [`${missing} had none`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
  ].join('; ');
}

/**
 * The summary after `--wait`: every record says deleted, or which have stages that do not yet.
 *
 * @example
 * formatDeletionWaitSummary(results, 300_000);
 * // 'Every stage of 2 records says deleted'
 */
export function formatDeletionWaitSummary(
  results: readonly ProcessingResult[],
  timeoutMs: number,
): string {
  const open = results.filter((result) => result.state !== 'deleted');
  if (open.length === 0)
    return `Every stage of ${results.length} record${results.length === 1 ? '' : 's'} says deleted`;
  return [
    `${open.length} of ${results.length} records not deleted after ${formatDuration(timeoutMs)}:`,
    ...open.map((result) => `  ${result.key}: ${stagesText(result.stages)}`),
  ].join('\n');
}

/**
 * One key as `--json` prints it, with its record's stages after `--wait`.
 *
 * @example
 * deleteJson({ key: 'a.jpg', outcome: 'deleted' });
 * // '{"key":"a.jpg","outcome":"deleted"}'
 */
export function deleteJson(outcome: DeleteOutcome, waited?: ProcessingResult): string {
  return JSON.stringify({
    ...outcome,
    ...(waited === undefined
      ? {}
      : { recordDeleted: waited.state === 'deleted', stages: waited.stages }),
  });
}

/**
 * The exit code: 130 interrupted; 1 a delete failed or (with `--wait`) a record is not all
 * deleted; 3 nothing deleted, no key had an object; 0 otherwise.
 *
 * @example
 * deleteExitCode([{ key: 'a.jpg', outcome: 'missing' }], undefined, false); // 3
 */
export function deleteExitCode(
  outcomes: readonly DeleteOutcome[],
  waited: readonly ProcessingResult[] | undefined,
  interrupted: boolean,
): number {
  if (interrupted) return EXIT.interrupted;
  if (outcomes.some((o) => o.outcome === 'failed')) return EXIT.failure;
  if (waited?.some((result) => result.state !== 'deleted')) return EXIT.failure;
  return outcomes.some((o) => o.outcome === 'deleted') ? EXIT.ok : EXIT.nothingToDo;
}

function stagesText(stages: Readonly<Record<string, StageState>>): string {
  return Object.entries(stages)
    .map(([stage, state]) => `${stage} ${state}`)
    .join(', ');
}
