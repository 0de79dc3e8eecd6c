import { outputFormat } from '@imgpipe/imaging';

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

// What chooseOutputFamily can pick: a photo, a transparent still, an animation.
const FAMILY_EXTENSIONS = (['jpeg', 'png', 'webp'] as const).map(
  (format) => outputFormat(format).extension,
);

/**
 * Every key the watermarked copy of a source could have, one per format family, so the
 * stage can check that all fit in S3 before it reads the source (the family is known only
 * from the image's header).
 *
 * @example
 * possibleWatermarkedKeys('a.gif'); // ['watermarked/a.gif.jpg', 'watermarked/a.gif.png', 'watermarked/a.gif.webp']
 */
export function possibleWatermarkedKeys(sourceKey: string): string[] {
  return FAMILY_EXTENSIONS.map((extension) => watermarkedKey(sourceKey, extension));
}
