import type { ObjectHead } from '@imgpipe/aws';
import type { ImageEvent, SourceFacts } from '@imgpipe/event-schemas';

/** Owner of images whose key and metadata name nobody. */
export const ANONYMOUS_OWNER = 'anonymous';

/**
 * Who owns an upload: the `x-amz-meta-owner` metadata when set, else the key's first
 * folder (`ana/holiday/1.jpg` → `ana`, the layout presigned uploads use), else
 * {@link ANONYMOUS_OWNER}.
 *
 * @example
 * ownerOf('ana/holiday/1.jpg', {}); // 'ana'
 * ownerOf('1.jpg', { owner: 'bo' }); // 'bo'
 */
export function ownerOf(key: string, metadata: Readonly<Record<string, string>>): string {
  const declared = metadata['owner']?.trim();
  if (declared) return declared;
  const slash = key.indexOf('/');
  return slash > 0 ? key.slice(0, slash) : ANONYMOUS_OWNER;
}

/**
 * The record's `source` attribute: what S3 says about the object.
 *
 * @example
 * const source = sourceFactsOf(event, opened.head); // opened = await store.open(bucket, key)
 */
export function sourceFactsOf(event: ImageEvent, head: ObjectHead): SourceFacts {
  return {
    bucket: event.bucket,
    key: event.key,
    size: head.size,
    eTag: head.eTag,
    contentType: head.contentType,
    uploadedAt: head.lastModified.toISOString(),
    ownerId: ownerOf(event.key, head.metadata),
    sequencer: event.sequencer,
  };
}
