import { extname } from 'node:path';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jfif': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
};

/**
 * The Content-Type to send for a file, from its extension. Only a hint: the services sniff
 * the real type from the bytes, so a wrong or missing extension costs nothing.
 *
 * @example
 * contentTypeFor('IMG_0001.JPG'); // 'image/jpeg'
 */
export function contentTypeFor(fileName: string): string {
  return BY_EXTENSION[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}
