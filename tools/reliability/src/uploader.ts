import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { createConcurrencyLimit } from '@imgpipe/dlq';
import { waitFor } from '@imgpipe/testing';
import { readCorpusFile } from './corpus-images';
import type { ImageSpec } from './corpus-plan';

/** Where uploads go right now: after a restart, the new stack's clients. */
export interface UploadTarget {
  /** Several clients, each with its own connections, used in turn. */
  readonly clients: readonly S3Client[];
  readonly bucket: string;
}

/** What the uploader needs. */
export interface UploadOptions {
  /** The target at the time of each attempt; throws while no stack is up. */
  readonly target: () => UploadTarget;
  readonly files: ReadonlyMap<string, string>;
  readonly concurrency: number;
  /** How long one image may take to upload, retries across a stack restart included. */
  readonly timeoutMs: number;
  /** Called once per image, when its upload succeeded, with when it started. */
  readonly onUploaded: (spec: ImageSpec, startedAt: number) => void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/**
 * Uploads `specs` at bounded concurrency across several S3 clients. An upload that fails
 * (the stack killed, its endpoint gone) is tried again against whatever `target()` gives
 * then, until it succeeds or `timeoutMs` passes: a PUT of the same key and bytes is
 * idempotent. `onFirstHalf` runs once half of them are uploaded, e.g. to switch a fault on
 * in the middle of a load.
 *
 * @throws Error naming the key whose upload did not succeed in time.
 * @example
 * await uploadAll(specs, { target, files, concurrency: 6, timeoutMs: 120_000, onUploaded });
 */
export async function uploadAll(
  specs: readonly ImageSpec[],
  options: UploadOptions,
  onFirstHalf: () => Promise<void> = async () => undefined,
): Promise<void> {
  const limit = createConcurrencyLimit(options.concurrency);
  const half = Math.ceil(specs.length / 2);
  let done = 0;
  let halfway: Promise<void> | undefined;
  await Promise.all(
    specs.map((spec, index) =>
      limit(async () => {
        const file = options.files.get(spec.key);
        if (file === undefined) throw new Error(`no corpus file for ${spec.key}`);
        const body = readCorpusFile(file);
        const startedAt = Date.now();
        await waitFor(
          async () => {
            const { clients, bucket } = options.target();
            const client = clients[index % clients.length];
            if (client === undefined) throw new Error('no S3 client');
            await client.send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: spec.key,
                Body: body,
                ContentType:
                  CONTENT_TYPES[spec.key.split('.').pop() ?? ''] ?? 'application/octet-stream',
              }),
            );
            return true;
          },
          { timeoutMs: options.timeoutMs, intervalMs: 250, what: `the upload of ${spec.key}` },
        );
        options.onUploaded(spec, startedAt);
        done += 1;
        if (done === half) halfway = onFirstHalf();
        // The second half waits for the switch, so it runs under the fault.
        if (done >= half) await halfway;
      }),
    ),
  );
}
