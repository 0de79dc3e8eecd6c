import { S3ServiceException } from '@aws-sdk/client-s3';
import { classifyFailure, isPermanentFailure, rejectionCode } from './failure-classification';

class RejectedForTest extends Error {
  readonly permanent = true as const;
  readonly code = 'corrupt';
}

describe('classifyFailure', () => {
  it('given an error that declares itself permanent, then it is permanent', () => {
    expect(classifyFailure(new RejectedForTest('truncated JPEG'))).toBe('permanent');
  });

  it('given a plain error such as a network failure, then it is retryable', () => {
    expect(classifyFailure(new Error('socket hang up'))).toBe('retryable');
  });

  it('given an AWS throttling error, then it is retryable', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $retryable: {},
    });
    expect(classifyFailure(throttled)).toBe('retryable');
  });

  it('given S3 refusing an output key as too long, then it is permanent, so it is recorded instead of retried into the DLQ', () => {
    const tooLong = new S3ServiceException({
      name: 'KeyTooLongError',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: '4442587FB7D0A2F9' },
      message: 'Your key is too long',
    });

    expect(classifyFailure(tooLong)).toBe('permanent');
    expect(isPermanentFailure(tooLong) && rejectionCode(tooLong)).toBe('output-key-too-long');
  });

  it('given another S3 error such as SlowDown, then it stays retryable', () => {
    const slowDown = new S3ServiceException({
      name: 'SlowDown',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
      message: 'Please reduce your request rate.',
    });

    expect(classifyFailure(slowDown)).toBe('retryable');
  });

  it('given a thrown non-error or a truthy non-boolean flag, then it is retryable', () => {
    expect(classifyFailure('boom')).toBe('retryable');
    expect(isPermanentFailure(Object.assign(new Error('x'), { permanent: 'yes' }))).toBe(false);
  });
});
