/** Folder of the processed bucket that holds watermarked copies. */
export const WATERMARKED_PREFIX = 'watermarked/';

/**
 * Where the watermarked copy of a source goes: the whole decoded source key plus the output
 * format's extension. Deterministic, so a retry overwrites instead of duplicating; keeping
 * the source's own extension keeps `a.jpg` and `a.png` from sharing one output.
 *
 * @example
 * watermarkedKey('ana/holiday 1.JPG', 'jpg'); // 'watermarked/ana/holiday 1.JPG.jpg'
 * watermarkedKey('anim.gif', 'webp'); // 'watermarked/anim.gif.webp'
 */
export function watermarkedKey(sourceKey: string, extension: string): string {
  return `${WATERMARKED_PREFIX}${sourceKey}.${extension}`;
}
