/**
 * Why an input was refused for good. Each code maps to one rule in DESIGN.md §5 and is
 * stored as the `code` of a rejected stage, so keep the strings stable.
 */
export type RejectionCode =
  | 'empty'
  | 'not-an-image'
  | 'unsupported-format'
  | 'svg-not-allowed'
  | 'too-large'
  | 'too-many-pixels'
  | 'too-many-frames'
  | 'corrupt'
  | 'output-key-too-long';

/**
 * An input that will never process, however often it is retried: the stage is recorded
 * `rejected` with {@link ImageRejectedError.message} as the reason a person reads.
 * The dlq library treats any error with `permanent === true` as permanent, so this class
 * needs no import of it.
 *
 * @example
 * throw new ImageRejectedError('empty', 'file is 0 bytes');
 */
export class ImageRejectedError extends Error {
  readonly permanent = true;
  override readonly name = 'ImageRejectedError';

  constructor(
    readonly code: RejectionCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Narrows an unknown caught value to {@link ImageRejectedError}.
 *
 * @example
 * try { await inspectImage(bytes); } catch (error) {
 *   if (isImageRejectedError(error)) record.reject(error.code, error.message);
 *   else throw error;
 * }
 */
export function isImageRejectedError(error: unknown): error is ImageRejectedError {
  return error instanceof ImageRejectedError;
}
