/** How much untrusted input a service accepts before refusing it (DESIGN.md §5). */
export interface ImageLimits {
  /** Largest object accepted, in bytes; checked against `ContentLength` before download. */
  readonly maxBytes: number;
  /** Largest width × height × frames accepted; checked from the header before decoding. */
  readonly maxPixels: number;
  /** Most frames (pages) an animated or multi-page image may have. */
  readonly maxFrames: number;
}

/**
 * Safe defaults: 50 MB, 100 MP, 100 frames.
 *
 * @example
 * const facts = await inspectImage(bytes, DEFAULT_IMAGE_LIMITS);
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxFrames: 100,
});

/** The environment variable that sets each limit, on AWS and locally. */
export const IMAGE_LIMIT_ENV = {
  maxBytes: 'MAX_INPUT_BYTES',
  maxPixels: 'MAX_INPUT_PIXELS',
  maxFrames: 'MAX_FRAMES',
} as const satisfies Record<keyof ImageLimits, string>;

/**
 * The limits as the environment variables a function is deployed with.
 *
 * @example
 * imageLimitsEnv(); // { MAX_INPUT_BYTES: '52428800', MAX_INPUT_PIXELS: '100000000', MAX_FRAMES: '100' }
 */
export function imageLimitsEnv(limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(IMAGE_LIMIT_ENV) as (keyof ImageLimits)[]).map((name) => [
      IMAGE_LIMIT_ENV[name],
      String(limits[name]),
    ]),
  );
}
