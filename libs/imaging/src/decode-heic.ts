// heic-decode ships no types: the services' type checks see these only through this line.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./heic-decode.d.ts" />
import { describeMegapixels } from './describe-size';
import { ImageRejectedError } from './image-rejected-error';
import { uncompressedTiff } from './uncompressed-tiff';

/** Which top-level image of a HEIF file is the primary one, and what its header declares. */
export interface HeifPrimary {
  /** Index among the file's top-level images (sharp's `pagePrimary`). */
  readonly index: number;
  /** Upright size. */
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  /** The ICC profile of its colours (Display P3 on iPhones), if the file has one. */
  readonly icc: Buffer | undefined;
}

/**
 * Most pixels a HEIC may have, whatever the general pixel limit. Decoding in WebAssembly
 * holds the coded picture, its YCbCr planes and RGBA in the wasm heap, which grows and never
 * shrinks, plus RGBA in JavaScript: a 48 MP (8064×6048) iPhone photo peaked at 685 MB RSS
 * here, within the smallest queue-fed function's 1024 MB.
 */
export const HEIC_MAX_PIXELS = 50_000_000;

// One decode at a time per process: the wasm heap is shared, and two large HEICs decoding
// together would need twice the memory for no gain (wasm runs on the one JS thread anyway).
let queue: Promise<unknown> = Promise.resolve();

// Resource trouble in the wasm heap may pass on a retry in a fresh container: never permanent.
const TRANSIENT = /memory|allocation|OOM/i;

/**
 * Refuses a HEIC over {@link HEIC_MAX_PIXELS} from its declared size, before any decoding.
 *
 * @throws ImageRejectedError `too-many-pixels`.
 * @example
 * checkHeicPixels(8064, 6048); // a 48 MP iPhone photo passes
 */
export function checkHeicPixels(width: number, height: number): void {
  const pixels = width * height;
  if (pixels > HEIC_MAX_PIXELS) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `HEIC is ${width}×${height} = ${describeMegapixels(pixels)}, over the ${describeMegapixels(HEIC_MAX_PIXELS)} limit for HEIC (decoded in WebAssembly memory)`,
    );
  }
}

/**
 * Decodes the primary image of a HEIC with libheif compiled to WebAssembly (`heic-decode`),
 * since sharp's prebuilt libvips has no HEVC decoder. libheif applies the file's `irot`,
 * `imir` and `clap` transforms, so the pixels come out upright. The decoder is loaded on the
 * first HEIC only: its 2 MB of wasm stay out of every other cold start. Only the primary
 * image is decoded, and only once its size is the one the header declared (which the caller
 * checked against the pixel limits). The result is an uncompressed TIFF carrying the file's
 * ICC profile, which sharp opens (and converts to sRGB) like any other image.
 *
 * @throws ImageRejectedError `corrupt` when the container or its coded picture cannot be
 * decoded; running out of memory propagates, to be retried.
 * @example
 * const { pagePrimary = 0, width, height, hasAlpha, icc } = await sharp(bytes).metadata();
 * const tiff = await decodeHeic(bytes, { index: pagePrimary, width, height, hasAlpha, icc });
 */
export function decodeHeic(bytes: Uint8Array, primary: HeifPrimary): Promise<Buffer> {
  const decoded = queue.then(() => decodePrimary(bytes, primary));
  queue = decoded.catch(() => undefined);
  return decoded;
}

async function decodePrimary(bytes: Uint8Array, primary: HeifPrimary): Promise<Buffer> {
  const { default: heicDecode } = await import('heic-decode');
  let images: Awaited<ReturnType<typeof heicDecode.all>> | undefined;
  try {
    images = await heicDecode.all({ buffer: bytes });
    const image = images[primary.index];
    if (image?.width !== primary.width || image.height !== primary.height) {
      const found = image === undefined ? 'no such image' : `${image.width}×${image.height}`;
      throw new ImageRejectedError(
        'corrupt',
        `HEIC primary image is not the ${primary.width}×${primary.height} its header declares (${found})`,
      );
    }
    const { data, width, height } = await image.decode();
    return uncompressedTiff({
      rgba: data,
      width,
      height,
      alpha: primary.hasAlpha,
      icc: primary.icc,
    });
  } catch (error) {
    throw toHeicRejection(error) ?? error;
  } finally {
    images?.dispose();
  }
}

function toHeicRejection(error: unknown): ImageRejectedError | undefined {
  if (error instanceof ImageRejectedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (TRANSIENT.test(message)) return undefined;
  return new ImageRejectedError('corrupt', `HEIC picture data cannot be decoded (${message})`, {
    cause: error,
  });
}
