import * as z from 'zod';

/** Where a `byOwner` page ended: DynamoDB's `LastEvaluatedKey` for that index. */
export interface PageKey {
  readonly imageId: string;
  readonly ownerId: string;
  readonly uploadedAt: string;
}

const pageKeySchema = z.strictObject({
  imageId: z.string().min(1),
  ownerId: z.string().min(1),
  uploadedAt: z.string().min(1),
});

/**
 * An opaque cursor for the next page.
 *
 * @example
 * encodeCursor({ imageId: 'ana/1.jpg', ownerId: 'ana', uploadedAt: '2026-…' }); // 'eyJpbWFnZUlkIjo…'
 */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The page key a cursor holds, if it is one {@link encodeCursor} made for this owner: a
 * cursor edited to start in another owner's images is refused, not followed.
 *
 * @example
 * decodeCursor(cursor, 'ana'); // { imageId: 'ana/1.jpg', ownerId: 'ana', uploadedAt: '…' }
 */
export function decodeCursor(cursor: string, owner: string): PageKey | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const key = pageKeySchema.safeParse(parsed);
  return key.success && key.data.ownerId === owner ? key.data : undefined;
}
