// The limits and their variable names are the registry's, which infra deploys them from.
import { DEFAULT_IMAGE_LIMITS, IMAGE_LIMIT_ENV } from '@imgpipe/registry';
import type { ImageLimits } from '@imgpipe/registry';
import { describeBytes } from './describe-size';
import { ImageRejectedError } from './image-rejected-error';

export { DEFAULT_IMAGE_LIMITS };
export type { ImageLimits };

/**
 * Reads limits from `MAX_INPUT_BYTES`, `MAX_INPUT_PIXELS` and `MAX_FRAMES`; an unset or
 * empty variable keeps its default. Meant to run once at start, so a bad value fails the
 * cold start loudly instead of every record.
 *
 * @throws Error naming the variable when a value is not a positive whole number.
 * @example
 * const limits = limitsFromEnv(process.env); // { maxBytes: 52428800, maxPixels: 1e8, maxFrames: 100 }
 */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): ImageLimits {
  return {
    maxBytes: readPositiveInteger(env, IMAGE_LIMIT_ENV.maxBytes, DEFAULT_IMAGE_LIMITS.maxBytes),
    maxPixels: readPositiveInteger(env, IMAGE_LIMIT_ENV.maxPixels, DEFAULT_IMAGE_LIMITS.maxPixels),
    maxFrames: readPositiveInteger(env, IMAGE_LIMIT_ENV.maxFrames, DEFAULT_IMAGE_LIMITS.maxFrames),
  };
}

function readPositiveInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  // Digits only: Number() would accept "1e3", "0x10" and " ", which nobody means here.
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(env[name])}`);
  }
  return value;
}

/**
 * Refuses an object by its size alone, so nothing too big (or empty) is ever downloaded.
 *
 * @throws ImageRejectedError `empty` or `too-large`.
 * @example
 * checkByteSize(head.ContentLength ?? 0, limits);
 */
export function checkByteSize(size: number, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): void {
  if (size <= 0) throw new ImageRejectedError('empty', 'file is 0 bytes');
  if (size > limits.maxBytes) {
    throw new ImageRejectedError(
      'too-large',
      `file is ${describeBytes(size)}, over the ${describeBytes(limits.maxBytes)} limit`,
    );
  }
}
