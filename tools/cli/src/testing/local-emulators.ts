import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { StackDescription } from '@imgpipe/aws';
import { awsConfigFromStack, createS3Client } from '@imgpipe/aws';
import { startLocalStack } from '@imgpipe/local-harness';

/** The local stack (no services unless asked), laid out as a checkout holding `.imgpipe/`. */
export interface LocalEmulators {
  readonly stack: StackDescription;
  /** A folder holding `.imgpipe/stack.json`, as the repo root does while `npm start` runs. */
  readonly root: string;
  readonly stackFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the local stack (IAM enforced, as for every integration test) with the services
 * named (none by default), its data folder at `<root>/.imgpipe`, so the CLI finds
 * `stack.json` from any folder under `root` and acts as the stack's `operator`; tests
 * arrange and inspect with the administrator's key in `stack.credentials`.
 *
 * @example
 * const emulators = await startLocalEmulators();
 * afterAll(() => emulators.stop());
 */
export async function startLocalEmulators(
  options: { readonly services?: readonly string[] } = {},
): Promise<LocalEmulators> {
  const root = await mkdtemp(join(tmpdir(), 'imgpipe-cli-int-'));
  const dataDir = join(root, '.imgpipe');
  await mkdir(dataDir);
  const local = await startLocalStack({
    dataDir,
    ...(options.services ? { services: options.services } : {}),
  });
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

/**
 * Whether an object exists, asked as the administrator: HEAD, with S3's 404 as false.
 *
 * @example
 * expect(await objectExists(emulators.stack, emulators.stack.buckets.source, 'a.jpg')).toBe(false);
 */
export async function objectExists(
  stack: StackDescription,
  bucket: string,
  key: string,
): Promise<boolean> {
  try {
    await createS3Client(awsConfigFromStack(stack)).send(
      new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}
