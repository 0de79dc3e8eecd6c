import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StackDescription } from '@imgpipe/aws';

const REPO_ROOT = resolve(__dirname, '../../..');

/** How to start a local stack for a test. */
export interface LocalStackOptions {
  /** Services to run (`resize`, `watermark`, `metadata`); none by default, so a test reads the queues itself. */
  readonly services?: readonly string[];
  /** Data folder to use; a fresh temporary one (removed on stop) by default. */
  readonly dataDir?: string;
  /** Further `imgpipe-local` flags, e.g. `['--visibility-timeout', '10', '--function-timeout', '10']`. */
  readonly args?: readonly string[];
  /** Environment for the stack and the services it runs, over the test's own (e.g. service settings). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the stack to come up; 60 s by default (the machine may be busy). */
  readonly startTimeoutMs?: number;
}

/** A running local stack, in a child process. */
export interface LocalStack {
  /** The stack's `stack.json`: endpoints, credentials, bucket, topic, queue and table names. */
  readonly stack: StackDescription;
  /** Stops the stack (SIGTERM, then SIGKILL after 15 s) and removes a temporary data folder. */
  stop(): Promise<void>;
  /**
   * Everything the stack printed so far, stdout and stderr interleaved. Lines arrive
   * asynchronously: to assert on one, wait for it with {@link LocalStack.waitForOutput}.
   */
  output(): string;
  /**
   * Resolves with the first match of `pattern` in the stack's output once it is printed.
   *
   * @throws Error after `timeoutMs` (30 s by default), with the output so far.
   * @example
   * await local.waitForOutput(/metadata\s+done\s+a\.jpg/);
   */
  waitForOutput(
    pattern: string | RegExp,
    options?: { readonly timeoutMs?: number },
  ): Promise<string>;
}

/**
 * Polls `fn` until it returns a value other than `undefined`, `null` or `false`, and
 * returns that value. Errors thrown by `fn` count as "not yet".
 *
 * @throws Error after `timeoutMs`, with the last error `fn` threw, if any.
 * @example
 * const record = await waitFor(() => records.get('a.jpg'), { timeoutMs: 30_000 });
 */
export async function waitFor<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: {
    readonly timeoutMs?: number;
    readonly intervalMs?: number;
    readonly what?: string;
  } = {},
): Promise<T> {
  // A generous default: CI is a busy 2-core machine, and a deadline only matters when it fails.
  const { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : `; last error: ${String(lastError)}`;
      throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${cause}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

function readStack(file: string): StackDescription | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  } catch {
    // Written with a rename, so a partial read is unlikely; try again on the next poll.
    return undefined;
  }
}

/**
 * Runs a local stack launcher (a script taking `imgpipe-local`'s flags) as a child process on
 * free ports with a fresh data folder and no sample uploads, and resolves once its
 * `stack.json` is written. Jest runs CommonJS and the stack loads ES modules, so tests reach
 * it only over its protocols.
 *
 * Which stack runs is the caller's: tests outside `tools/local` use `startLocalStack` from
 * `@imgpipe/local-harness`, whose project depends on `local`, so `nx affected` runs them when
 * the stack or a service it runs changes. This library names no launcher, so it stays free
 * of that edge (`local`'s own specs use it too).
 *
 * @throws Error with the child's output when it exits or does not come up in time.
 * @example
 * const local = await launchLocalStack(launcherPath, { services: ['metadata'] });
 * try {
 *   const s3 = createS3Client(awsConfigFromStack(local.stack));
 *   // ...
 * } finally {
 *   await local.stop();
 * }
 */
export async function launchLocalStack(
  launcher: string,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'imgpipe-local-'));
  const services = options.services ?? [];
  const args = [
    launcher,
    '--data-dir',
    dataDir,
    '--ports',
    'auto',
    '--no-samples',
    '--services',
    services.length > 0 ? services.join(',') : 'none',
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    // Jest gives each test file a copy of process.env; pass it on, with the test's additions.
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Decoded as a stream, so a character split across two chunks ("é", "×") stays whole.
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  // 'exit' can come before the last output is read from the pipes; 'close' comes after.
  // Bounded, in case something the stack started still holds them.
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const allOutput = async (): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((done) => (timer = setTimeout(done, 5_000)))]);
    clearTimeout(timer);
    return output;
  };

  const stackFile = join(dataDir, 'stack.json');
  // The launcher runs the stack in a process of its own: a kill must reach that one too.
  const kill = () => {
    child.kill('SIGKILL');
    const stackPid = readStack(stackFile)?.pid;
    try {
      if (stackPid !== undefined) process.kill(stackPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const stop = async (): Promise<void> => {
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 15_000);
      await exited;
      clearTimeout(timer);
    }
    await allOutput();
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const spawnedAt = Date.now();
  const poll = () => {
    if (exitCode !== undefined) return { exitCode };
    const stack = readStack(stackFile);
    // A given data folder may hold the stack.json of a stack that is running there already.
    return stack === undefined || Date.parse(stack.startedAt) < spawnedAt ? undefined : { stack };
  };
  const started = await waitFor(poll, { timeoutMs, intervalMs: 100, what: 'stack.json' }).catch(
    () => ({
      timedOut: true,
    }),
  );
  if (!('stack' in started)) {
    await stop();
    const why =
      'exitCode' in started
        ? `it exited with code ${String(started.exitCode)}`
        : `no stack.json after ${timeoutMs} ms`;
    throw new Error(`local stack did not start: ${why}; its output:\n${await allOutput()}`);
  }
  const waitForOutput = async (
    pattern: string | RegExp,
    { timeoutMs: outputTimeoutMs = 30_000 }: { readonly timeoutMs?: number } = {},
  ): Promise<string> => {
    const find = () =>
      typeof pattern === 'string'
        ? output.includes(pattern) && pattern
        : output.match(pattern)?.[0];
    try {
      return await waitFor(find, {
        timeoutMs: outputTimeoutMs,
        intervalMs: 50,
        what: `output ${String(pattern)}`,
      });
    } catch (error) {
      throw new Error(`${(error as Error).message} in the stack's output:\n${output}`);
    }
  };
  return { stack: started.stack, stop, output: () => output, waitForOutput };
}
