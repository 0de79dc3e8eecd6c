import sharp from 'sharp';
import type { PhotoSize } from './synthetic-photo';
import { PHOTO_SIZES, syntheticPhotoJpeg, withOrientation } from './synthetic-photo';

/** One kind of upload in the end-to-end mix. */
export interface PhotoKind {
  readonly name: string;
  readonly size: PhotoSize;
  readonly format: 'jpeg' | 'png';
  /** EXIF orientation written into the file (6: a phone held upright). */
  readonly orientation?: number;
  /** Share of the mix, out of the weights' sum. */
  readonly weight: number;
}

/** 4 MP, 4:3: a typical upload after a phone or web client has scaled it. */
const FOUR_MP: PhotoSize = { width: 2304, height: 1728 };
const TWO_MP: PhotoSize = { width: 1632, height: 1224 };

/**
 * The end-to-end mix: mostly 4 MP JPEGs, some carrying orientation 6 as phone photos do,
 * some full 12 MP camera photos, some PNG screenshots.
 */
export const PHOTO_MIX: readonly PhotoKind[] = [
  { name: '4 MP JPEG', size: FOUR_MP, format: 'jpeg', weight: 5 },
  { name: '4 MP JPEG, orientation 6', size: FOUR_MP, format: 'jpeg', orientation: 6, weight: 2 },
  { name: '12 MP JPEG', size: PHOTO_SIZES['12 MP'], format: 'jpeg', weight: 2 },
  { name: '2 MP PNG', size: TWO_MP, format: 'png', weight: 1 },
];

/**
 * How many of each kind make `count` photos, in proportion to the weights (largest
 * remainders get the rounding), in {@link PHOTO_MIX} order.
 *
 * @example
 * mixCounts(PHOTO_MIX, 40); // [20, 8, 8, 4]
 */
export function mixCounts(kinds: readonly Pick<PhotoKind, 'weight'>[], count: number): number[] {
  const total = kinds.reduce((sum, kind) => sum + kind.weight, 0);
  const exact = kinds.map((kind) => (count * kind.weight) / total);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (
    let left = count - counts.reduce((sum, n) => sum + n, 0), i = 0;
    left > 0;
    left -= 1, i += 1
  ) {
    const index = order[i % order.length]?.index ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/** A generated upload: its name in the mix, a file name, the bytes. */
export interface MixedPhoto {
  readonly kind: string;
  readonly key: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/**
 * `count` distinct photo-like uploads in the {@link PHOTO_MIX} proportions (each its own
 * seed, so no two are the same bytes).
 *
 * @example
 * const photos = await mixedPhotos(40);
 */
export async function mixedPhotos(count: number): Promise<MixedPhoto[]> {
  const counts = mixCounts(PHOTO_MIX, count);
  const photos: MixedPhoto[] = [];
  for (const [index, kind] of PHOTO_MIX.entries()) {
    for (let n = 0; n < (counts[index] ?? 0); n += 1) {
      const seed = photos.length + 1;
      const jpeg = await syntheticPhotoJpeg(kind.size, seed);
      const bytes =
        kind.format === 'png'
          ? await sharp(jpeg).png().toBuffer()
          : kind.orientation === undefined
            ? jpeg
            : await withOrientation(jpeg, kind.orientation);
      const extension = kind.format === 'png' ? 'png' : 'jpg';
      photos.push({
        kind: kind.name,
        key: `bench/e2e/${String(seed).padStart(3, '0')}.${extension}`,
        contentType: `image/${kind.format}`,
        bytes,
      });
    }
  }
  return photos;
}
