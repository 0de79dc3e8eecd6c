import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.svg': 'image/svg+xml',
};

/**
 * The content type to upload a sample with, from its extension; anything else is sent as
 * bytes, as a careless client would (the services sniff the real type anyway).
 *
 * @example
 * contentTypeOf('cat.JPG'); // 'image/jpeg'
 */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Uploads the files of the samples folder (top level, no dot files) to the source bucket, so
 * a first `npm start` shows the pipeline at work. A missing folder uploads nothing.
 *
 * @returns the keys uploaded.
 * @example
 * await uploadSamples(s3, 'imgpipe-source', join(repoRoot, 'tools/samples/images'));
 */
export async function uploadSamples(
  s3: S3Client,
  bucket: string,
  folder: string,
): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder)
    .filter((name) => !name.startsWith('.') && statSync(join(folder, name)).isFile())
    .sort();
  for (const name of files) {
    const body = readFileSync(join(folder, name));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `samples/${name}`,
        Body: body,
        ContentLength: body.length,
        ContentType: contentTypeOf(name),
      }),
    );
  }
  return files.map((name) => `samples/${name}`);
}
