import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackDescription } from '@imgpipe/aws';
import { startLocalStack } from '@imgpipe/local-harness';

/** The local stack with no services running, laid out as a checkout holding `.imgpipe/`. */
export interface LocalEmulators {
  readonly stack: StackDescription;
  /** A folder holding `.imgpipe/stack.json`, as the repo root does while `npm start` runs. */
  readonly root: string;
  readonly stackFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the local stack (IAM enforced, as for every integration test) with no services,
 * its data folder at `<root>/.imgpipe`, so the CLI finds `stack.json` from any folder under
 * `root` and acts as the stack's `operator`; tests arrange and inspect with the
 * administrator's key in `stack.credentials`.
 *
 * @example
 * const emulators = await startLocalEmulators();
 * afterAll(() => emulators.stop());
 */
export async function startLocalEmulators(): Promise<LocalEmulators> {
  const root = await mkdtemp(join(tmpdir(), 'imgpipe-cli-int-'));
  const dataDir = join(root, '.imgpipe');
  await mkdir(dataDir);
  const local = await startLocalStack({ dataDir });
  return {
    stack: local.stack,
    root,
    stackFile: join(dataDir, 'stack.json'),
    stop: async () => {
      await local.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
