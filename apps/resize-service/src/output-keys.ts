/** Folder of the processed bucket that holds every rendition. */
export const RESIZED_PREFIX = 'resized';

/**
 * Name of a width rendition: its actual width, so a `srcset` built from names never lies.
 *
 * @example
 * widthName(800); // '800w'
 */
export function widthName(width: number): string {
  return `${width}w`;
}

/**
 * Name of the square thumbnail: its configured side, so clients find it under one name
 * even when a source smaller than that side gave a smaller square.
 *
 * @example
 * thumbnailName(200); // 'thumb-200'
 */
export function thumbnailName(side: number): string {
  return `thumb-${side}`;
}

/**
 * The processed-bucket key of one rendition. Deterministic, so a retried or duplicated
 * message overwrites the same objects instead of adding copies. The source key is kept
 * verbatim (spaces, `+`, unicode): S3 keys need no escaping, and the SDK encodes the URL.
 *
 * @example
 * outputKey('ana/My photo+1.jpg', '800w', 'webp'); // 'resized/ana/My photo+1.jpg/800w.webp'
 */
export function outputKey(sourceKey: string, name: string, extension: string): string {
  return `${RESIZED_PREFIX}/${sourceKey}/${name}.${extension}`;
}
