import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

/** An object as a listing gives it: what its upload notification carries. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  /** Without the quotes S3 puts around it. */
  readonly eTag: string;
}

/** Which objects a listing keeps. */
export interface ListingFilter {
  /** S3's own prefix match: exact, not a substring (default: every key). */
  readonly prefix?: string;
  /** Only objects modified at or after this time. */
  readonly since?: Date;
}

/**
 * Every object in a bucket under a prefix, in key order, following ListObjectsV2's
 * continuation tokens to the end. `imgpipe reprocess --prefix` and the local stack's
 * reconcile both list through it (on s3rver a paged listing needs node's
 * `--openssl-legacy-provider`).
 *
 * @example
 * const objects = await listObjects(s3, 'imgpipe-source', { prefix: 'albums/2024/' });
 */
export async function listObjects(
  s3: S3Client,
  bucket: string,
  filter: ListingFilter = {},
): Promise<ListedObject[]> {
  const { prefix, since } = filter;
  const objects: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(prefix === undefined ? {} : { Prefix: prefix }),
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      if (since !== undefined && (item.LastModified ?? new Date(0)) < since) continue;
      objects.push({
        key: item.Key,
        size: item.Size ?? 0,
        eTag: (item.ETag ?? '').replace(/"/g, ''),
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
}
