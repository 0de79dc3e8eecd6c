import { resolve } from 'node:path';
import type { LocalStack, LocalStackOptions } from '@imgpipe/testing';
import { launchLocalStack } from '@imgpipe/testing';

// Run by path, not imported (the stack loads ES modules; Jest runs CommonJS): the project's
// implicit dependency on `local` is what tells Nx that this path is a dependency.
const LOCAL_STACK_LAUNCHER = resolve(__dirname, '../../local/bin/imgpipe-local.js');

/**
 * Starts the local stack (`tools/local`, with the services it runs) as a child process on
 * free ports with a fresh data folder and no sample uploads, and resolves once its
 * `stack.json` is written. For every test outside `tools/local` that needs the stack: a
 * project importing this depends on `local` and, through it, on every service, so
 * `nx affected` runs its tests after a change to either.
 *
 * @throws Error with the child's output when it exits or does not come up in time.
 * @example
 * const local = await startLocalStack({ services: ['metadata'] });
 * try {
 *   const s3 = createS3Client(awsConfigFromStack(local.stack));
 *   // ...
 * } finally {
 *   await local.stop();
 * }
 */
export function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return launchLocalStack(LOCAL_STACK_LAUNCHER, options);
}
