import { createHash } from 'node:crypto';
import { MAX_S3_KEY_BYTES } from '@imgpipe/imaging';

/** Most file systems' limit on one path segment, in bytes. */
const MAX_NAME_BYTES = 255;

/**
 * s3rver names every file of a key `<last segment>._S3rver_<resource>`; the longest resource
 * it writes beside an object is `metadata.json`, so a readable last segment leaves room for it.
 */
const LONGEST_RESOURCE_SUFFIX = '._S3rver_metadata.json';
const MAX_LAST_SEGMENT_BYTES = MAX_NAME_BYTES - Buffer.byteLength(LONGEST_RESOURCE_SUFFIX);

/**
 * Starts the file name that stands for a key with no readable file path. Reserved: a key
 * segment starting with it is never stored as itself, so no two keys share a file.
 */
export const HASHED_NAME_PREFIX = '@long-key-';

/** The resource s3rver's store keeps a hashed key's real key in. */
export const KEY_RESOURCE = 'key';

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A folder segment is stored as a folder of that name only if nothing else can claim the name. */
function isReadableFolder(segment: string): boolean {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    bytes(segment) <= MAX_NAME_BYTES &&
    !segment.includes('\0') &&
    // s3rver's own names (`x._S3rver_object`, `._S3rver_uploads`) must stay files and folders of s3rver's.
    !segment.includes('._S3rver_') &&
    !segment.startsWith(HASHED_NAME_PREFIX)
  );
}

function isReadableLastSegment(segment: string): boolean {
  return (
    bytes(segment) <= MAX_LAST_SEGMENT_BYTES &&
    !segment.includes('\0') &&
    !segment.startsWith(HASHED_NAME_PREFIX)
  );
}

/**
 * The key s3rver's file layout is applied to for `key`. A key whose every segment makes a
 * valid, unambiguous file path is its own storage key, so it keeps s3rver's readable layout
 * (`<bucket>/a/b/photo.jpg._S3rver_object`). Any other key (a segment over the file system's
 * 255-byte name limit, an empty, `.` or `..` segment, a NUL, s3rver's own suffix) keeps its
 * readable leading folders and is stored under `@long-key-<sha256 of the key>`, whose
 * `._S3rver_key` file holds the real key.
 *
 * @example
 * storageKeyOf('albums/cat.jpg'); // 'albums/cat.jpg'
 * storageKeyOf(`resized/${'é'.repeat(150)}/320w.webp`); // 'resized/@long-key-3f1c…'
 */
export function storageKeyOf(key: string): string {
  const segments = key.split('/');
  const last = segments.length - 1;
  const firstUnreadable = segments.findIndex((segment, index) =>
    index === last ? !isReadableLastSegment(segment) : !isReadableFolder(segment),
  );
  if (firstUnreadable === -1) return key;
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return [...segments.slice(0, Math.min(firstUnreadable, last)), HASHED_NAME_PREFIX + hash].join(
    '/',
  );
}

/**
 * Whether a storage key is a hashed one, whose real key is read from its key file.
 *
 * @example
 * isHashedStorageKey('a/@long-key-3f1c…'); // true
 */
export function isHashedStorageKey(storageKey: string): boolean {
  return (storageKey.split('/').pop() ?? '').startsWith(HASHED_NAME_PREFIX);
}

/**
 * S3's order of keys: by their UTF-8 bytes (JavaScript's `<` compares UTF-16 code units,
 * which orders characters above U+FFFF before U+E000–U+FFFF).
 *
 * @example
 * ['b', 'a/x', 'a-x'].sort(compareKeys); // ['a-x', 'a/x', 'b']
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Whether S3 would refuse to write this key (KeyTooLongError).
 *
 * @example
 * isKeyTooLong('é'.repeat(513)); // true: 1,026 bytes
 */
export function isKeyTooLong(key: string): boolean {
  return bytes(key) > MAX_S3_KEY_BYTES;
}
