import { serviceNamed, VISIBILITY_TIMEOUT_FACTOR } from '@imgpipe/registry';
import type { ServiceName } from '@imgpipe/registry';

/** How long a service's function may run, and how long its queue hides a message it received. */
export interface QueueTiming {
  readonly functionTimeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
}

/** What the command line changed of the deployed timing; undefined keeps it. */
export interface TimingOverrides {
  readonly functionTimeoutSeconds: number | undefined;
  readonly visibilityTimeoutSeconds: number | undefined;
}

/** Lambda's `InvalidParameterValueException` for an event source mapping it will not create. */
export class EventSourceMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventSourceMappingError';
  }
}

/**
 * A service's timing as the local stack runs it: the function's timeout from the registry
 * (as infra deploys it) unless `--function-timeout` sets another, and its queue's visibility
 * timeout `VISIBILITY_TIMEOUT_FACTOR` times that (as infra deploys it) unless
 * `--visibility-timeout` sets another.
 *
 * @example
 * queueTiming('resize', { functionTimeoutSeconds: undefined, visibilityTimeoutSeconds: undefined });
 * // { functionTimeoutSeconds: 90, visibilityTimeoutSeconds: 540 }
 */
export function queueTiming(service: ServiceName, overrides: TimingOverrides): QueueTiming {
  const functionTimeoutSeconds =
    overrides.functionTimeoutSeconds ?? serviceNamed(service).timeoutSeconds;
  return {
    functionTimeoutSeconds,
    visibilityTimeoutSeconds:
      overrides.visibilityTimeoutSeconds ?? functionTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR,
  };
}

/**
 * Refuses, as Lambda's CreateEventSourceMapping does, to feed a function from a queue that
 * would hand a message out again while the function may still be running it.
 *
 * @throws EventSourceMappingError with Lambda's message when the queue's visibility timeout
 *   is below the function's timeout.
 * @example
 * checkEventSourceMapping('resize', { functionTimeoutSeconds: 90, visibilityTimeoutSeconds: 15 });
 * // throws: resize: Lambda would not create its event source mapping: InvalidParameterValueException:
 * //   Queue visibility timeout: 15 seconds is less than Function timeout: 90 seconds (raise …)
 */
export function checkEventSourceMapping(service: ServiceName, timing: QueueTiming): void {
  if (timing.visibilityTimeoutSeconds >= timing.functionTimeoutSeconds) return;
  throw new EventSourceMappingError(
    `${service}: Lambda would not create its event source mapping: InvalidParameterValueException: ` +
      `Queue visibility timeout: ${timing.visibilityTimeoutSeconds} seconds is less than ` +
      `Function timeout: ${timing.functionTimeoutSeconds} seconds ` +
      `(raise --visibility-timeout, or lower the functions' timeout with --function-timeout)`,
  );
}
