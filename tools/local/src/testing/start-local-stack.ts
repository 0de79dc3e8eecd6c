import { resolve } from 'node:path';
import type { LocalStack, LocalStackOptions } from '@imgpipe/testing';
import { launchLocalStack } from '@imgpipe/testing';

const LAUNCHER = resolve(__dirname, '../../bin/imgpipe-local.js');

/**
 * Starts this project's stack for its own integration specs, as `@imgpipe/local-harness` does
 * for everyone else's (which `local` cannot import: that project depends on this one).
 *
 * @example
 * const local = await startLocalStack({ services: ['resize'] });
 */
export function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return launchLocalStack(LAUNCHER, options);
}
