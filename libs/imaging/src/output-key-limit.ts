import { ImageRejectedError } from './image-rejected-error';

/** S3's longest object key, in bytes of UTF-8; a longer one is refused with `KeyTooLongError`. */
export const MAX_S3_KEY_BYTES = 1024;

/**
 * The length S3 counts for a key: its bytes of UTF-8, not its characters.
 *
 * @example
 * s3KeyBytes('café.jpg'); // 9
 */
export function s3KeyBytes(key: string): number {
  return Buffer.byteLength(key, 'utf8');
}

/**
 * Whether S3 would store an object under `key` (at most {@link MAX_S3_KEY_BYTES} bytes).
 *
 * @example
 * fitsS3Key('é'.repeat(512)); // true: 1,024 bytes
 * fitsS3Key('é'.repeat(512) + 'x'); // false: 1,025 bytes
 */
export function fitsS3Key(key: string): boolean {
  return s3KeyBytes(key) <= MAX_S3_KEY_BYTES;
}

/**
 * Refuses a source whose output keys would not all fit in S3, before the stage does any work,
 * so it never writes some outputs and then fails on a longer one. Output keys are built around
 * the source key (`resized/<source key>/thumb-200.webp`), so no retry can make them fit: the
 * failure is permanent, and the reason says how long a source key this stage can take.
 *
 * @param sourceKey the decoded source key, contained once in every output key.
 * @param outputKeys every key the stage could write for this source.
 * @throws ImageRejectedError `output-key-too-long`, naming the longest output key.
 * @example
 * checkOutputKeys(event.key, [`watermarked/${event.key}.jpg`, `watermarked/${event.key}.webp`]);
 */
export function checkOutputKeys(sourceKey: string, outputKeys: readonly string[]): void {
  const longest = outputKeys.reduce<string | undefined>(
    (found, key) => (found === undefined || s3KeyBytes(key) > s3KeyBytes(found) ? key : found),
    undefined,
  );
  if (longest === undefined || fitsS3Key(longest)) return;
  const sourceBytes = s3KeyBytes(sourceKey);
  const longestBytes = s3KeyBytes(longest);
  // The source key is written verbatim into its output keys, so this is the room it has.
  const room = MAX_S3_KEY_BYTES - (longestBytes - sourceBytes);
  throw new ImageRejectedError(
    'output-key-too-long',
    `source key is ${count(sourceBytes)} bytes of UTF-8, so output key ` +
      `${longest.replace(sourceKey, '<source key>')} would be ${count(longestBytes)} bytes, ` +
      `over S3's ${count(MAX_S3_KEY_BYTES)}-byte key limit (source keys up to ${count(room)} bytes fit)`,
  );
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
