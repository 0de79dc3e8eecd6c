import type { ImageRecord } from '@imgpipe/event-schemas';
import type { StageState } from './record-state';
import { recordState } from './record-state';
import { UsageError } from './cli-io';

/** The statuses `--status` accepts: a record's state as `recordState` derives it. */
export const LIST_STATUSES: readonly StageState[] = ['rejected', 'pending', 'done', 'deleted'];

/** What `imgpipe list` keeps of the records it reads. */
export interface ListFilter {
  readonly status?: StageState;
  /** Only images uploaded at or after this moment. */
  readonly since?: Date;
}

/** One image as `imgpipe list` shows it. */
export interface ListedImage {
  readonly imageId: string;
  readonly ownerId: string | undefined;
  readonly uploadedAt: string | undefined;
  readonly state: StageState;
  readonly stages: Readonly<Record<string, StageState>>;
  readonly reasons: readonly string[];
  readonly size: number | undefined;
}

/**
 * Where a page of a listing ended, as DynamoDB keys it: the table key plus the byOwner keys,
 * which is what a query of that index takes as its ExclusiveStartKey.
 */
export interface ListCursor {
  readonly imageId: string;
  readonly ownerId?: string | undefined;
  readonly uploadedAt?: string | undefined;
}

/**
 * Whether a record passes the filter: uploaded at or after `since`, in the state asked for.
 *
 * @example
 * matchesListFilter(record, { status: 'rejected' });
 */
export function matchesListFilter(record: ImageRecord, filter: ListFilter): boolean {
  if (filter.since !== undefined) {
    if (record.uploadedAt === undefined || record.uploadedAt < filter.since.toISOString())
      return false;
  }
  return filter.status === undefined || recordState(record).state === filter.status;
}

/**
 * Newest upload first, as the byOwner index returns them when read backwards; records with no
 * upload time last; ties by key, so a scan's order is the same every time.
 *
 * @example
 * records.sort(newestFirst);
 */
export function newestFirst(a: ListCursor, b: ListCursor): number {
  const byTime = (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? '');
  return byTime !== 0 ? byTime : a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0;
}

/**
 * A record as a listing row: its key, owner, upload time, size and derived state.
 *
 * @example
 * listedImage(record).state; // 'done'
 */
export function listedImage(record: ImageRecord): ListedImage {
  const { state, stages, reasons } = recordState(record);
  return {
    imageId: record.imageId,
    ownerId: record.ownerId,
    uploadedAt: record.uploadedAt,
    state,
    stages,
    reasons,
    size: record.source?.size,
  };
}

/**
 * The cursor after a record: what `--after` takes to continue past it.
 *
 * @example
 * encodeCursor(cursorOf(lastShown)); // 'eyJpbWFnZUlkIjoi…'
 */
export function cursorOf(record: ImageRecord): ListCursor {
  return {
    imageId: record.imageId,
    ...(record.ownerId !== undefined ? { ownerId: record.ownerId } : {}),
    ...(record.uploadedAt !== undefined ? { uploadedAt: record.uploadedAt } : {}),
  };
}

/**
 * A cursor as an opaque, shell-safe token.
 *
 * @example
 * encodeCursor({ imageId: 'a.jpg' }); // 'eyJpbWFnZUlkIjoiYS5qcGcifQ'
 */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * The cursor a token stands for.
 *
 * @throws UsageError when the token is not one `imgpipe list` printed.
 * @example
 * decodeCursor('eyJpbWFnZUlkIjoiYS5qcGcifQ', 'list'); // { imageId: 'a.jpg' }
 */
export function decodeCursor(token: string, command: string): ListCursor {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    const cursor = value as Partial<Record<keyof ListCursor, unknown>>;
    const optionalString = (field: unknown) => field === undefined || typeof field === 'string';
    if (
      typeof cursor.imageId === 'string' &&
      optionalString(cursor.ownerId) &&
      optionalString(cursor.uploadedAt)
    )
      return value as ListCursor;
  } catch {
    // Not base64 JSON: reported below like any other foreign token.
  }
  throw new UsageError(
    `--after takes the token a previous listing printed, got '${token}'`,
    command,
  );
}

/**
 * The images after `cursor` in {@link newestFirst} order (all of them without one): how a
 * scan, which has no order of its own, continues a listing.
 *
 * @example
 * const rest = afterCursor(sorted, cursor);
 */
export function afterCursor<T extends ListCursor>(
  sorted: readonly T[],
  cursor: ListCursor | undefined,
): T[] {
  return cursor === undefined ? [...sorted] : sorted.filter((row) => newestFirst(cursor, row) < 0);
}
