/** How a failed record is settled: acknowledged and recorded, or handed back to SQS. */
export type FailureKind = 'permanent' | 'retryable';

/** An error that no retry can fix; it carries a code and a reason a person can read. */
export interface PermanentFailure extends Error {
  /** Absent on the AWS errors known to be permanent, which cannot say so themselves. */
  readonly permanent?: true;
  readonly code?: string;
}

// AWS error names that no retry can fix although they arrive as plain service errors.
// KeyTooLongError: S3 refuses keys over 1,024 bytes of UTF-8, and an output key derived from
// the source key is as long on every retry. The services check their output keys before any
// work, so this only catches what that check misses, instead of retrying it into the DLQ.
// Each maps to the rejection code the image record gets.
const PERMANENT_AWS_ERRORS: ReadonlyMap<string, string> = new Map([
  ['KeyTooLongError', 'output-key-too-long'],
]);

/**
 * Whether an error is permanent: it says so itself (`permanent: true`, as the imaging
 * library's `ImageRejectedError` and the event schemas' `MalformedEventError` do), or it is
 * an AWS error that no retry can fix (S3's `KeyTooLongError`). Everything else — throttling,
 * timeouts, network, bugs — is retryable, so an unknown failure is retried and ends in the
 * DLQ rather than being recorded as the image's fault.
 *
 * @example
 * classifyFailure(new ImageRejectedError('corrupt', 'truncated JPEG')); // 'permanent'
 * classifyFailure(new Error('socket hang up')); // 'retryable'
 * classifyFailure(new S3ServiceException({ name: 'KeyTooLongError', $fault: 'client', $metadata: {} })); // 'permanent'
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
  if (!(error instanceof Error)) return false;
  return (
    (error as { permanent?: unknown }).permanent === true || PERMANENT_AWS_ERRORS.has(error.name)
  );
}

/**
 * The code a permanent failure is recorded with: its own, or the one for a known AWS error.
 *
 * @example
 * rejectionCode(new ImageRejectedError('corrupt', 'truncated JPEG')); // 'corrupt'
 */
export function rejectionCode(error: PermanentFailure): string {
  return error.code ?? PERMANENT_AWS_ERRORS.get(error.name) ?? 'rejected';
}
