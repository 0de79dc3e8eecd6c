import { Tracer } from '@aws-lambda-powertools/tracer';
import { traced } from './traced';

describe('traced', () => {
  it('given tracing is off, when work resolves, then its value is returned unchanged', async () => {
    const tracer = new Tracer({ serviceName: 'test', enabled: false });

    await expect(traced(tracer, 'download', async () => 42)).resolves.toBe(42);
  });

  it('given tracing is off, when work throws, then the same error reaches the caller', async () => {
    const tracer = new Tracer({ serviceName: 'test', enabled: false });
    const failure = new Error('S3 timed out');

    await expect(traced(tracer, 'download', () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
