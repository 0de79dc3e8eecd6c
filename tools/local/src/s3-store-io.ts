import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a write stored: its bytes and their MD5 (hex), s3rver's ETag. */
export interface Written {
  readonly size: number;
  readonly md5: string;
}

/**
 * Whether an error is a system error with one of these codes.
 *
 * @example
 * hasCode(error, 'ENOENT', 'ENOTDIR'); // true for a file that is not there
 */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as { code?: string }).code ?? '');
}

/**
 * Runs `action`, treating a failure with one of `codes` as done.
 *
 * @example
 * await ignoring(['ENOENT'], () => unlink(file)); // gone either way
 */
export async function ignoring(codes: string[], action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!hasCode(error, ...codes)) throw error;
  }
}

/**
 * Streams `content` into `file` and resolves once the file is written. Every error (the
 * client's stream, the disk) rejects; s3rver's own piping left a write stream's error with no
 * listener, which ended the process, and resolved before the file was flushed.
 *
 * @example
 * const { size, md5 } = await writeContent(ctx.req, '/data/s3/bucket/._S3rver_uploads/x');
 */
export async function writeContent(content: Readable | Buffer, file: string): Promise<Written> {
  const md5 = createHash('md5');
  let size = 0;
  await pipeline(
    Buffer.isBuffer(content) ? Readable.from([content]) : content,
    async function* hash(chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        md5.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(file),
  );
  return { size, md5: md5.digest('hex') };
}
