// S3 keys at and around the file system's and S3's limits, for this project's specs.

/**
 * `text` repeated and cut at a character boundary, then padded with `x` to exactly `bytes`
 * UTF-8 bytes.
 *
 * @example
 * Buffer.byteLength(fillToBytes('é+ ', 300)); // 300
 */
export function fillToBytes(text: string, bytes: number): string {
  let out = '';
  for (const char of text.repeat(Math.ceil(bytes / Buffer.byteLength(text)) + 1)) {
    if (Buffer.byteLength(out + char) > bytes) break;
    out += char;
  }
  return out + 'x'.repeat(bytes - Buffer.byteLength(out));
}

/** 1,000 bytes with spaces and `+`, in segments short enough for s3rver's readable layout. */
export const THOUSAND_BYTE_KEY = `long/${fillToBytes('a b+c ', 200)}/${fillToBytes('d+e f ', 200)}/${fillToBytes('g h+', 200)}/${fillToBytes('i j ', 200)}/${fillToBytes('k+l ', 187)}.jpg`;

/** A key with a 300-byte segment of multi-byte characters, spaces and `+`. */
export const LONG_SEGMENT_KEY = `long/${fillToBytes('café + thé ☕ ', 300)}/photo 1+1.jpg`;

/** S3's longest key, 1,024 bytes, with a segment far over any file name limit. */
export const MAX_KEY = `long/${fillToBytes('ü+ ', 1019)}`;
