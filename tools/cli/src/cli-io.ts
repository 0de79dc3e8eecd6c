/** A stream the command writes to; a TTY adds its width. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Everything a command touches outside its arguments, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted when the user interrupts (Ctrl-C): commands stop starting new work. */
  readonly signal: AbortSignal;
  /** Waits between polls (default: a timer that ends early on abort); tests pass one that does not. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Exit codes: 0 success, 1 a failure in the work, 2 a mistake in the command line, 3 nothing
 * to do (`dlq cancel` with no move task running, `delete` with no object to delete), 130
 * interrupted.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, nothingToDo: 3, interrupted: 130 } as const;

/** A mistake in the command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on: printed as its message alone, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The real process streams and environment. The first Ctrl-C aborts the signal so
 * commands can finish cleanly; a second one exits at once. A closed pipe on stdout or
 * stderr is ignored.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  });
  // A reader that went away (`imgpipe upload … | head`) must not abort uploads half done:
  // output is dropped, the work goes on, and the exit code still tells the outcome.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
