import { classifyFailure, isPermanentFailure } from './failure-classification';

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
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $retryable: {} });
    expect(classifyFailure(throttled)).toBe('retryable');
  });

  it('given a thrown non-error or a truthy non-boolean flag, then it is retryable', () => {
    expect(classifyFailure('boom')).toBe('retryable');
    expect(isPermanentFailure(Object.assign(new Error('x'), { permanent: 'yes' }))).toBe(false);
  });
});
