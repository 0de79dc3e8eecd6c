/** A promise with its resolve function, to order concurrent steps explicitly. */
export interface Deferred<T = void> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
}

/**
 * A promise a test resolves itself; awaiting it fails after `deadlineMs` instead of hanging
 * when the step that should resolve it never runs.
 *
 * @example
 * const started = deferred();
 * void work().then(() => started.resolve());
 * await started.promise;
 */
export function deferred<T = void>(deadlineMs = 2_000, what = 'a deferred step'): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not happen within ${deadlineMs} ms`)),
      deadlineMs,
    );
    resolve = (value) => {
      clearTimeout(timer);
      resolvePromise(value);
    };
  });
  // A deferred nobody awaits must not fail the run as an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve };
}
