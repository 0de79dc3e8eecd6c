/**
 * Routes every complete stdout line that `claim` accepts away from the terminal: the
 * services run in this process and write their EMF documents to stdout, as on Lambda.
 * Lines `claim` declines, and every line when `passThrough` is set, are written as before.
 *
 * @returns a function that puts the original `write` back.
 * @example
 * const untap = tapStdout((line) => line.includes('"_aws"'), false);
 */
export function tapStdout(claim: (line: string) => boolean, passThrough: boolean): () => void {
  const stdout = process.stdout;
  const original = stdout.write;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    // Only text that can hold an EMF document is inspected; the rest goes straight through.
    if (typeof chunk === 'string' && chunk.includes('"_aws"')) {
      const kept = chunk
        .split('\n')
        .filter((line, i, lines) => i === lines.length - 1 || !claim(line) || passThrough);
      chunk = kept.join('\n');
      if (chunk === '') return true;
    }
    return (original as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
  };
  stdout.write = write as typeof stdout.write;
  return () => {
    stdout.write = original;
  };
}
