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
