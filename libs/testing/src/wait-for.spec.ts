import { waitFor } from './local-stack';

describe('waitFor', () => {
  it('given a condition that becomes true on the third poll, then its value is returned', async () => {
    let polls = 0;

    const value = await waitFor(() => (++polls >= 3 ? `ready after ${polls}` : undefined), {
      intervalMs: 1,
    });

    expect(value).toBe('ready after 3');
  });

  it('given a condition that never holds, then it fails naming what it waited for and the last error', async () => {
    const attempt = waitFor(
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 20, intervalMs: 5, what: 'the record of a.jpg' },
    );

    await expect(attempt).rejects.toThrow(
      'waitFor: the record of a.jpg not met within 20 ms; last error: Error: connection refused',
    );
  });
});
