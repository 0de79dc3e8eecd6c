import { sep } from 'node:path';

/** S3's limit on a key's length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * The object key for a file: the prefix, verbatim, then the file's path relative to the
 * folder it was found in (or its name, for a file given directly) with `/` separators.
 * Spaces, `+` and non-ASCII characters are kept exactly: the SDK encodes the request and
 * the services decode event keys back to these same characters.
 *
 * @example
 * objectKey('2024/', ['trips', 'café + tea.jpg']); // '2024/trips/café + tea.jpg'
 */
export function objectKey(prefix: string, relativeParts: readonly string[]): string {
  return prefix + relativeParts.join('/');
}

/**
 * Splits a platform relative path (`trips\\a.jpg` on Windows) into its parts.
 *
 * @example
 * pathParts('trips/a.jpg'); // ['trips', 'a.jpg']
 */
export function pathParts(relativePath: string, separator: string = sep): string[] {
  return relativePath.split(separator).filter((part) => part !== '');
}

/**
 * Why a key cannot be used, or undefined when it can.
 *
 * @example
 * keyProblem(''); // 'the key is empty'
 */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'the key is empty';
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) return `the key is ${bytes} bytes long; S3 allows ${MAX_KEY_BYTES}`;
  return undefined;
}
