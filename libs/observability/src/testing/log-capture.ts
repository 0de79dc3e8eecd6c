/** One JSON log line as written to stdout. */
export type LogLine = Record<string, unknown>;

/**
 * Captures what Powertools loggers write (JSON lines; warnings and errors go to stderr)
 * until `stop()`, in the order written; anything that is not JSON is left out.
 *
 * @example
 * const capture = captureLogLines();
 * logger.info('hello');
 * const lines = capture.stop(); // [{ level: 'INFO', message: 'hello', … }]
 */
export function captureLogLines(): { stop: () => LogLine[] } {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  return {
    stop: () => {
      for (const spy of spies) spy.mockRestore();
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
    },
  };
}

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
