import { serviceNamed, VISIBILITY_TIMEOUT_FACTOR } from '@imgpipe/registry';
import { checkEventSourceMapping, EventSourceMappingError, queueTiming } from './queue-timing';

const none = { functionTimeoutSeconds: undefined, visibilityTimeoutSeconds: undefined };

describe('queueTiming', () => {
  it('given no overrides, then each service has its deployed timeout and six times it as visibility', () => {
    for (const service of ['resize', 'watermark', 'metadata'] as const) {
      const { timeoutSeconds } = serviceNamed(service);
      expect(queueTiming(service, none)).toEqual({
        functionTimeoutSeconds: timeoutSeconds,
        visibilityTimeoutSeconds: timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR,
      });
    }
    expect(queueTiming('resize', none)).toEqual({
      functionTimeoutSeconds: 90,
      visibilityTimeoutSeconds: 540,
    });
  });

  it('given a function timeout only, then the visibility follows it as infra would deploy it', () => {
    expect(queueTiming('resize', { ...none, functionTimeoutSeconds: 5 })).toEqual({
      functionTimeoutSeconds: 5,
      visibilityTimeoutSeconds: 30,
    });
  });

  it('given both, then both are taken as given', () => {
    expect(
      queueTiming('metadata', { functionTimeoutSeconds: 4, visibilityTimeoutSeconds: 7 }),
    ).toEqual({ functionTimeoutSeconds: 4, visibilityTimeoutSeconds: 7 });
  });
});

describe('checkEventSourceMapping', () => {
  it('given a visibility timeout below the function timeout, then it is refused with Lambda’s message', () => {
    const check = () =>
      checkEventSourceMapping('resize', {
        functionTimeoutSeconds: 90,
        visibilityTimeoutSeconds: 15,
      });

    expect(check).toThrow(EventSourceMappingError);
    expect(check).toThrow(
      'resize: Lambda would not create its event source mapping: InvalidParameterValueException: Queue visibility timeout: 15 seconds is less than Function timeout: 90 seconds',
    );
  });

  it('given a visibility timeout equal to the function timeout, then it is allowed, as on AWS', () => {
    expect(() =>
      checkEventSourceMapping('metadata', {
        functionTimeoutSeconds: 30,
        visibilityTimeoutSeconds: 30,
      }),
    ).not.toThrow();
  });
});
