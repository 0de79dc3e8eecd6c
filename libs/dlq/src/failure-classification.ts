/** How a failed record is settled: acknowledged and recorded, or handed back to SQS. */
export type FailureKind = 'permanent' | 'retryable';

/** An error that no retry can fix; it carries a code and a reason a person can read. */
export interface PermanentFailure extends Error {
  readonly permanent: true;
  readonly code?: string;
}

/**
 * Whether an error is permanent: it says so itself (`permanent: true`, as the imaging
 * library's `ImageRejectedError` and the event schemas' `MalformedEventError` do).
 * Everything else — throttling, timeouts, network, bugs — is retryable, so an unknown
 * failure is retried and ends in the DLQ rather than being recorded as the image's fault.
 *
 * @example
 * classifyFailure(new ImageRejectedError('corrupt', 'truncated JPEG')); // 'permanent'
 * classifyFailure(new Error('socket hang up')); // 'retryable'
 */
export function classifyFailure(error: unknown): FailureKind {
  return isPermanentFailure(error) ? 'permanent' : 'retryable';
}

/**
 * Type guard for {@link PermanentFailure}.
 *
 * @example
 * if (isPermanentFailure(error)) recordRejection(error.code, error.message);
 */
export function isPermanentFailure(error: unknown): error is PermanentFailure {
  return error instanceof Error && (error as { permanent?: unknown }).permanent === true;
}
