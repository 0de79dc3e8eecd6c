import { createHash } from 'node:crypto';

import type { ImageFacts } from '@imgpipe/event-schemas';
import { inspectImage, openImage, readExifSubset, renderToBuffer } from '@imgpipe/imaging';
import type { ImageLimits, InspectedImage } from '@imgpipe/imaging';
import { rgbaToThumbHash } from 'thumbhash';

/** ThumbHash accepts at most 100×100 pixels, and more would not change its 25 bytes. */
const PREVIEW_SIZE = 100;

/** RGBA pixels of the one small decode the colour and placeholder come from. */
interface Preview {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Reads the facts of an uploaded image: format, upright dimensions, orientation, colour
 * facts, frames, an EXIF subset, the sha256 of the bytes, and a dominant colour and
 * ThumbHash placeholder. Only the header and one ≤100-px shrink-on-load decode are read,
 * never the full-size pixels.
 *
 * @throws ImageRejectedError (from `@imgpipe/imaging`) when the input is refused for good.
 * @example
 * const facts = await extractImageFacts(bytes, limitsFromEnv(process.env));
 * facts.placeholder; // 'YJqGPQw7sFlslqhFafSE+Q6oJ1h2iHB2Rw=='
 */
export async function extractImageFacts(
  bytes: Uint8Array,
  limits: ImageLimits,
): Promise<ImageFacts> {
  const image = await inspectImage(bytes, limits);
  const preview = await decodePreview(bytes, image);
  return {
    format: image.format,
    width: image.displayWidth,
    height: image.displayHeight,
    orientation: image.orientation,
    colourSpace: image.space,
    bitsPerSample: image.bitsPerSample,
    hasAlpha: image.hasAlpha,
    hasIccProfile: image.hasProfile,
    pages: image.pages,
    animated: image.animated,
    exif: image.exif === undefined ? {} : readExifSubset(image.exif),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    dominantColour: dominantColour(preview),
    placeholder: Buffer.from(rgbaToThumbHash(preview.width, preview.height, preview.data)).toString(
      'base64',
    ),
  };
}

async function decodePreview(bytes: Uint8Array, image: InspectedImage): Promise<Preview> {
  // Resizing first lets libjpeg and libwebp shrink while decoding (TOOLCHAIN.md: colour
  // from a full 12 MP decode costs 320–440 ms, from a small one ~55 ms).
  const pipeline = openImage(bytes, image)
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw();
  const { data, info } = await renderToBuffer(pipeline);
  return { data, width: info.width, height: info.height };
}

/**
 * The mean colour of the most populated cell of a 16×16×16 RGB histogram (as sharp's
 * `stats().dominant` does), over pixels at least half opaque so a transparent background
 * does not win.
 */
function dominantColour({ data }: Preview): string {
  const counts = new Uint32Array(4096);
  const sums = new Float64Array(4096 * 3);
  const visible = hasVisiblePixel(data);
  for (let offset = 0; offset < data.length; offset += 4) {
    if (visible && (data[offset + 3] ?? 0) < 128) continue;
    const [r = 0, g = 0, b = 0] = data.subarray(offset, offset + 3);
    const cell = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    counts[cell] = (counts[cell] ?? 0) + 1;
    sums[cell * 3] = (sums[cell * 3] ?? 0) + r;
    sums[cell * 3 + 1] = (sums[cell * 3 + 1] ?? 0) + g;
    sums[cell * 3 + 2] = (sums[cell * 3 + 2] ?? 0) + b;
  }
  const best = counts.indexOf(Math.max(...counts));
  const count = counts[best] ?? 1;
  const channel = (index: number): string =>
    Math.round((sums[best * 3 + index] ?? 0) / count)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

function hasVisiblePixel(rgba: Buffer): boolean {
  for (let offset = 3; offset < rgba.length; offset += 4)
    if ((rgba[offset] ?? 0) >= 128) return true;
  return false;
}
