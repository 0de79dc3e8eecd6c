import { createHash } from 'node:crypto';

/** The kinds of good image the load mixes, as cameras, phones and editors write them. */
export const IMAGE_KINDS = [
  'jpeg',
  'jpeg-exif-rotated',
  'png-alpha',
  'webp',
  'gif-animated',
  'jpeg-cmyk',
  'png-16bit',
] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** One image of the load: its key, what it is, and its upright size. */
export interface ImageSpec {
  readonly key: string;
  readonly kind: ImageKind;
  /** Upright (display) size, what the record must say. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation stored in the file (1: none). */
  readonly orientation: number;
  /** Frames of an animated image (1 otherwise). */
  readonly frames: number;
  /** Seeds the picture's content, so a key always has the same bytes. */
  readonly seed: string;
}

const EXTENSIONS: Readonly<Record<ImageKind, string>> = {
  jpeg: 'jpg',
  'jpeg-exif-rotated': 'jpg',
  'png-alpha': 'png',
  webp: 'webp',
  'gif-animated': 'gif',
  'jpeg-cmyk': 'jpg',
  'png-16bit': 'png',
};

/** Share of each kind in the load: mostly JPEG, as uploads are. */
const KIND_WEIGHTS: Readonly<Record<ImageKind, number>> = {
  jpeg: 4,
  'jpeg-exif-rotated': 2,
  'png-alpha': 1,
  webp: 1,
  'gif-animated': 1,
  'jpeg-cmyk': 1,
  'png-16bit': 1,
};

/**
 * A number in [0, 1) fixed by its inputs: the corpus is the same on every machine and run.
 *
 * @example
 * unitDraw('load', 3, 'size'); // always the same value
 */
export function unitDraw(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Megapixels of an image: most between 0.3 and 3, some up to 6, one in ten 8 to 12, as a
 * mixed upload of phone photos, screenshots and camera files is.
 *
 * @example
 * megapixels(0.95); // 8 MP or more
 */
export function megapixels(draw: number): number {
  if (draw < 0.6) return 0.3 + (draw / 0.6) * 2.7;
  if (draw < 0.9) return 3 + ((draw - 0.6) / 0.3) * 3;
  return 8 + ((draw - 0.9) / 0.1) * 4;
}

function kindOf(draw: number): ImageKind {
  const total = IMAGE_KINDS.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  let left = draw * total;
  for (const kind of IMAGE_KINDS) {
    left -= KIND_WEIGHTS[kind];
    if (left < 0) return kind;
  }
  return 'jpeg';
}

/**
 * The images of one load: `count` keys under `prefix`, kinds mixed by weight (every kind at
 * least once when `count` allows), sizes from {@link megapixels} in 4:3, 3:2 or 16:9,
 * landscape or portrait. An animated GIF stays at 1 MP or less with 4 to 8 frames, as GIFs
 * are small; some keys have spaces, `+` and non-ASCII letters, as real file names do.
 *
 * @example
 * planLoad('faults/s3', 20, 'run-1')[0];
 * // { key: 'faults/s3/0000 jpeg.jpg', kind: 'jpeg', width: 1600, height: 1200, … }
 */
export function planLoad(prefix: string, count: number, seed: string): ImageSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const draw = (what: string) => unitDraw(seed, prefix, i, what);
    const kind = i < IMAGE_KINDS.length ? (IMAGE_KINDS[i] ?? 'jpeg') : kindOf(draw('kind'));
    const animated = kind === 'gif-animated';
    const mp = animated ? 0.3 + draw('size') * 0.7 : megapixels(draw('size'));
    const [long = 4, short = 3] = [
      [4, 3],
      [3, 2],
      [16, 9],
    ][Math.floor(draw('aspect') * 3)] ?? [4, 3];
    const longSide = Math.round(Math.sqrt((mp * 1e6 * long) / short));
    const shortSide = Math.round((longSide * short) / long);
    const portrait = draw('portrait') < 0.3;
    const name = ['', ' holiday', ' café + tea', ' 東京'][Math.floor(draw('name') * 4)] ?? '';
    return {
      key: `${prefix}/${String(i).padStart(4, '0')} ${kind}${name}.${EXTENSIONS[kind]}`,
      kind,
      width: portrait ? shortSide : longSide,
      height: portrait ? longSide : shortSide,
      orientation: kind === 'jpeg-exif-rotated' ? (draw('orientation') < 0.5 ? 6 : 8) : 1,
      frames: animated ? 4 + Math.floor(draw('frames') * 5) : 1,
      seed: `${seed}/${prefix}/${i}`,
    };
  });
}
