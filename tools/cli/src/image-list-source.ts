import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { BY_OWNER_INDEX } from '@imgpipe/aws';
import type { ImageRecord } from '@imgpipe/event-schemas';
import type { ListCursor, ListFilter } from './image-list';
import { afterCursor, cursorOf, matchesListFilter, newestFirst } from './image-list';

/** Items per Query or Scan call: small enough that a progress line moves. */
const PAGE_SIZE = 100;

/** What `imgpipe list` asks of the table. */
export interface ListRequest {
  /** With an owner: the byOwner index, read backwards. Without: a scan of the table. */
  readonly owner?: string;
  readonly filter: ListFilter;
  readonly limit: number;
  /** Continue after this image, as a previous page's `next` says. */
  readonly after?: ListCursor;
  /** After each scanned page: records read so far, and how many of them match. */
  readonly onScanProgress?: (read: number, matching: number) => void;
}

/** One page of a listing. */
export interface ListResult {
  /** Newest first. */
  readonly images: ImageRecord[];
  /** Where the next page starts; absent when this page reached the end. */
  readonly next?: ListCursor;
  /** Records DynamoDB returned to get this page. */
  readonly read: number;
}

/**
 * One page of images, newest first: with an owner, a Query of the byOwner index backwards
 * (`ScanIndexForward: false`, `--since` as its sort key condition) that stops once `limit`
 * match; without, a Scan of the whole table (there is no other way to order it), sorted here.
 *
 * @example
 * const page = await listImages(db, 'imgpipe-images', { owner: 'alice', filter: {}, limit: 50 });
 * page.next; // { imageId, ownerId, uploadedAt } of the 50th, when more follow
 */
export async function listImages(
  db: DynamoDBDocumentClient,
  table: string,
  request: ListRequest,
): Promise<ListResult> {
  return request.owner === undefined
    ? scanImages(db, table, request)
    : queryOwner(db, table, request.owner, request);
}

async function queryOwner(
  db: DynamoDBDocumentClient,
  table: string,
  owner: string,
  request: ListRequest,
): Promise<ListResult> {
  const { since } = request.filter;
  const images: ImageRecord[] = [];
  let read = 0;
  let startKey: Record<string, unknown> | undefined = request.after && { ...request.after };
  for (;;) {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: BY_OWNER_INDEX,
        KeyConditionExpression: `ownerId = :owner${since ? ' AND uploadedAt >= :since' : ''}`,
        ExpressionAttributeValues: {
          ':owner': owner,
          ...(since ? { ':since': since.toISOString() } : {}),
        },
        ScanIndexForward: false,
        Limit: PAGE_SIZE,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = (page.Items ?? []) as ImageRecord[];
    for (const [i, record] of items.entries()) {
      read += 1;
      if (!matchesListFilter(record, request.filter)) continue;
      images.push(record);
      const last = i === items.length - 1 && page.LastEvaluatedKey === undefined;
      if (images.length === request.limit)
        return { images, read, ...(last ? {} : { next: cursorOf(record) }) };
    }
    if (page.LastEvaluatedKey === undefined) return { images, read };
    startKey = page.LastEvaluatedKey;
  }
}

async function scanImages(
  db: DynamoDBDocumentClient,
  table: string,
  request: ListRequest,
): Promise<ListResult> {
  const { since } = request.filter;
  const matching: ImageRecord[] = [];
  let read = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        Limit: PAGE_SIZE,
        ...(since
          ? {
              FilterExpression: 'uploadedAt >= :since',
              ExpressionAttributeValues: { ':since': since.toISOString() },
            }
          : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    read += page.ScannedCount ?? page.Items?.length ?? 0;
    for (const record of (page.Items ?? []) as ImageRecord[])
      if (matchesListFilter(record, request.filter)) matching.push(record);
    request.onScanProgress?.(read, matching.length);
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  const rest = afterCursor(matching.sort(newestFirst), request.after);
  const images = rest.slice(0, request.limit);
  const last = images.at(-1);
  return {
    images,
    read,
    ...(rest.length > images.length && last ? { next: cursorOf(last) } : {}),
  };
}
