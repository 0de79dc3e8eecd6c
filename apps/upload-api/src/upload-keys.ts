import { UPLOAD_CONTENT_TYPES } from '@imgpipe/registry';
import type { UploadContentType } from '@imgpipe/registry';

/**
 * The extension a stored upload keeps: the file's own (lower-cased) when it is one of its
 * declared type's, else the type's usual one, so the key never claims another format.
 *
 * @example
 * uploadExtension('Beach.JPEG', 'image/jpeg'); // 'jpeg'
 * uploadExtension('scan.png', 'image/jpeg'); // 'jpg'
 */
export function uploadExtension(fileName: string, contentType: UploadContentType): string {
  const extensions: readonly string[] = UPLOAD_CONTENT_TYPES[contentType];
  const dot = fileName.lastIndexOf('.');
  const own = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  return extensions.includes(own) ? own : (extensions[0] ?? 'bin');
}

/**
 * The source key of an upload: under the owner's prefix, with a server-chosen unique name,
 * so a caller can neither pick nor overwrite another key.
 *
 * @example
 * uploadKey('ana', 'Beach.jpg', 'image/jpeg', '0b6e…'); // 'ana/0b6e….jpg'
 */
export function uploadKey(
  owner: string,
  fileName: string,
  contentType: UploadContentType,
  uniqueName: string,
): string {
  return `${owner}/${uniqueName}.${uploadExtension(fileName, contentType)}`;
}
