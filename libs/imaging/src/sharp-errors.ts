import { ImageRejectedError } from './image-rejected-error';

// Resource trouble may pass on a retry (another container, less load): never permanent.
const TRANSIENT = /out of memory|cannot allocate|memory allocation|ENOMEM|timeout/i;
const PIXEL_LIMIT = /exceeds pixel limit/i;
// What libvips' loaders say about bad input data, collected from truncated JPEG, PNG, GIF,
// WebP, TIFF and AVIF files.
const BAD_DATA =
  /premature end|unexpected end|end of file|truncated|corrupt|read error|invalid input|bad seek|unable to parse|unsupported image format|not a known|VipsJpeg|vipspng|[a-z]+load/i;

/**
 * Converts an error thrown by sharp while decoding input into an {@link ImageRejectedError}
 * when it is about the input's data, or returns `undefined` when it should be retried.
 * Use it around sharp calls {@link renderToBuffer} does not cover (`toFile`, streams).
 *
 * @example
 * await pipeline.toFile(path).catch((error: unknown) => { throw toImageRejection(error) ?? error; });
 */
export function toImageRejection(error: unknown): ImageRejectedError | undefined {
  if (error instanceof ImageRejectedError) return error;
  if (!(error instanceof Error) || TRANSIENT.test(error.message)) return undefined;
  const detail =
    error.message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  if (PIXEL_LIMIT.test(error.message)) {
    return new ImageRejectedError('too-many-pixels', `image is over the pixel limit (${detail})`, {
      cause: error,
    });
  }
  if (BAD_DATA.test(error.message)) {
    return new ImageRejectedError('corrupt', `image data is corrupt or truncated (${detail})`, {
      cause: error,
    });
  }
  return undefined;
}
