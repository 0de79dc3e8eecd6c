import type { CliIo } from './cli-io';

/** A {@link CliIo} whose output is kept in memory, for tests. */
export interface CapturedIo extends CliIo {
  readonly stdoutText: () => string;
  readonly stderrText: () => string;
}

/**
 * An in-memory {@link CliIo}: not a TTY unless asked, an environment of its own.
 *
 * @example
 * const io = captureIo({ cwd: folder });
 * expect(await main(['status', 'a.jpg'], io)).toBe(0);
 * expect(io.stdoutText()).toContain('a.jpg');
 */
export function captureIo(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: { ...options.env },
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}
