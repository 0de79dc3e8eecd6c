import sharp from 'sharp';
import type { Channels, Sharp } from 'sharp';

// The resize service's default job, restated in bare sharp: widths 1600/800/320 (never
// enlarged) and a 200 px attention-cropped square, each as WebP (q80, effort 4) and
// progressive JPEG (q82).
const WIDTHS = [1600, 800, 320] as const;
const THUMBNAIL = 200;

/** Raw 8-bit pixels of one rendition. */
export interface RawRendition {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: Channels;
}

/** One way to derive the sizes from the source; returns the widths in order, then the thumbnail. */
export type SizeStrategy = (bytes: Uint8Array) => Promise<RawRendition[]>;

/** Upright 8-bit sRGB, as the services decode; no guards, no limits. */
function decode(bytes: Uint8Array): Sharp {
  return sharp(bytes, { autoOrient: true }).toColourspace('srgb');
}

async function toRaw(pipeline: Sharp): Promise<RawRendition> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function fromRaw(rendition: RawRendition): Sharp {
  const { width, height, channels } = rendition;
  return sharp(rendition.data, { raw: { width, height, channels } });
}

const square = {
  width: THUMBNAIL,
  height: THUMBNAIL,
  fit: 'cover',
  position: 'attention',
} as const;

/**
 * The ways of deriving sizes that the issue asks the benchmark to choose between:
 * - `cascade`: decode once to the widest size (JPEG shrink-on-load), each smaller size
 *   resized from the one before, the thumbnail from the smallest;
 * - `clone`: one pipeline, a `clone()` per size, run concurrently;
 * - `separate`: an independent pipeline per size, each with its own shrink-on-load, run
 *   concurrently.
 *
 * @example
 * const renditions = await SIZE_STRATEGIES.cascade(jpegBytes);
 */
export const SIZE_STRATEGIES: Readonly<Record<'cascade' | 'clone' | 'separate', SizeStrategy>> = {
  async cascade(bytes) {
    const renditions: RawRendition[] = [];
    for (const width of WIDTHS) {
      const previous = renditions.at(-1);
      renditions.push(
        await toRaw(
          (previous ? fromRaw(previous) : decode(bytes)).resize({
            width,
            withoutEnlargement: true,
          }),
        ),
      );
    }
    const smallest = renditions.at(-1);
    if (smallest === undefined) throw new Error('no widths to cascade');
    return [...renditions, await toRaw(fromRaw(smallest).resize(square))];
  },
  async clone(bytes) {
    const base = decode(bytes);
    return Promise.all([
      ...WIDTHS.map((width) => toRaw(base.clone().resize({ width, withoutEnlargement: true }))),
      toRaw(base.clone().resize(square)),
    ]);
  },
  async separate(bytes) {
    return Promise.all([
      ...WIDTHS.map((width) => toRaw(decode(bytes).resize({ width, withoutEnlargement: true }))),
      toRaw(decode(bytes).resize(square)),
    ]);
  },
};

/**
 * Encodes every rendition as WebP and JPEG, concurrently, with the services' settings.
 *
 * @example
 * const files = await encodeRenditions(await SIZE_STRATEGIES.cascade(bytes));
 */
export async function encodeRenditions(renditions: readonly RawRendition[]): Promise<Buffer[]> {
  return Promise.all(
    renditions.flatMap((rendition) => [
      fromRaw(rendition).webp({ quality: 80, effort: 4 }).toBuffer(),
      fromRaw(rendition).jpeg({ quality: 82, progressive: true }).toBuffer(),
    ]),
  );
}

/**
 * A reference for quality: the whole source decoded at full size (no shrink-on-load) and
 * each width resized from it directly with lanczos3.
 *
 * @example
 * const reference = await referenceWidths(jpegBytes);
 */
export async function referenceWidths(bytes: Uint8Array): Promise<RawRendition[]> {
  const full = await toRaw(decode(bytes));
  return Promise.all(
    WIDTHS.map((width) =>
      toRaw(fromRaw(full).resize({ width, withoutEnlargement: true, kernel: 'lanczos3' })),
    ),
  );
}

/** The widths every strategy produces, in order. */
export const STRATEGY_WIDTHS: readonly number[] = WIDTHS;
