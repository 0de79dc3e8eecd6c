/** How close one rendition is to a reference of the same size. */
export interface ImageDifference {
  /** Peak signal-to-noise ratio in dB (8-bit samples); Infinity for identical pixels. */
  readonly psnr: number;
  /** Mean absolute difference per sample, out of 255. */
  readonly meanAbsolute: number;
  /**
   * Standard deviation of the candidate over that of the reference: below 1 the candidate
   * lost contrast (softer), above 1 it kept more (sharper or aliased).
   */
  readonly contrast: number;
}

/**
 * Compares two equally sized 8-bit raw images sample by sample.
 *
 * @throws RangeError when the buffers differ in length (different sizes or channels).
 * @example
 * compareImages(candidateRaw, referenceRaw); // { psnr: 41.2, meanAbsolute: 1.3, contrast: 0.99 }
 */
export function compareImages(candidate: Uint8Array, reference: Uint8Array): ImageDifference {
  if (candidate.length !== reference.length || candidate.length === 0) {
    throw new RangeError(`cannot compare ${candidate.length} samples with ${reference.length}`);
  }
  let absolute = 0;
  let squared = 0;
  for (let index = 0; index < candidate.length; index += 1) {
    const difference = (candidate[index] ?? 0) - (reference[index] ?? 0);
    absolute += Math.abs(difference);
    squared += difference * difference;
  }
  const meanSquared = squared / candidate.length;
  const deviation = standardDeviation(reference);
  return {
    psnr: meanSquared === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / meanSquared),
    meanAbsolute: absolute / candidate.length,
    contrast: deviation === 0 ? 1 : standardDeviation(candidate) / deviation,
  };
}

/**
 * Standard deviation of the samples.
 *
 * @example
 * standardDeviation(new Uint8Array([0, 255])); // 127.5
 */
export function standardDeviation(samples: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const sample of samples) {
    sum += sample;
    squares += sample * sample;
  }
  const mean = sum / samples.length;
  return Math.sqrt(Math.max(0, squares / samples.length - mean * mean));
}
