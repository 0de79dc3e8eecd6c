/** The variable that bounds how many images one function instance works on at once. */
export const MAX_CONCURRENT_IMAGES = 'MAX_CONCURRENT_IMAGES';

// More than this is never a memory-safe choice for a Lambda-sized function, and a typo
// like 100 would otherwise silently decode a whole large batch at once.
const CEILING = 10;

/**
 * Reads `MAX_CONCURRENT_IMAGES`: how many images a function instance may download, decode
 * and encode at once (records beyond it wait). Unset or empty gives the service's
 * `fallback`, chosen from its memory size and a measured peak per image (tools/bench).
 *
 * @throws Error naming the variable and the value when it is not a whole number 1–10.
 * @example
 * const maxConcurrentImages = maxConcurrentImagesFromEnv(process.env, 1);
 */
export function maxConcurrentImagesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback: number,
): number {
  const raw = env[MAX_CONCURRENT_IMAGES]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= CEILING)) {
    throw new Error(
      `${MAX_CONCURRENT_IMAGES} must be a whole number from 1 to ${CEILING}, got ${JSON.stringify(env[MAX_CONCURRENT_IMAGES])}`,
    );
  }
  return value;
}
