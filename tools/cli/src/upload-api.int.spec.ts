import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { awsConfigFromStack, createS3Client } from '@imgpipe/aws';
import { jpeg } from '@imgpipe/testing';
import type { LocalEmulators } from './testing/local-emulators';
import { startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import { captureIo } from './test-io';

// `imgpipe upload --api` against the local stack's upload API and its policy-enforcing S3.
jest.setTimeout(120_000);

interface UploadDocument {
  readonly uploaded: { path: string; key: string; bytes: number; eTag: string }[];
  readonly failed: { path: string; error: string }[];
}

describe('imgpipe upload --api against the local stack', () => {
  let emulators: LocalEmulators;
  let work: string;

  beforeAll(async () => {
    emulators = await startLocalEmulators();
    work = join(emulators.root, 'work');
    await mkdir(work, { recursive: true });
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  it('given an image and a file of no image type, when uploaded with --api --owner, then the image lands under the owner with its bytes and the other is refused by the API', async () => {
    const photo = await jpeg({ width: 320, height: 240 });
    await writeFile(join(work, 'beach day.jpg'), photo);
    await writeFile(join(work, 'notes.txt'), 'not an image');
    const io = captureIo({ cwd: work });

    const code = await main(
      ['upload', 'beach day.jpg', 'notes.txt', '--api', '--owner', 'alice', '--json'],
      io,
    );

    const document = JSON.parse(io.stdoutText()) as UploadDocument;
    expect(code).toBe(1);
    expect(document.uploaded).toHaveLength(1);
    const [uploaded] = document.uploaded;
    expect(uploaded?.path).toBe('beach day.jpg');
    expect(uploaded?.key).toMatch(/^alice\/[^/]+\.jpg$/);
    expect(document.failed).toEqual([
      expect.objectContaining({
        path: 'notes.txt',
        error: expect.stringContaining('the upload API refused it: 400'),
      }),
    ]);

    const s3 = createS3Client(awsConfigFromStack(emulators.stack));
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: emulators.stack.buckets.source, Key: uploaded?.key }),
    );
    const bytes = Buffer.from((await stored.Body?.transformToByteArray()) ?? []);
    expect(bytes.equals(photo)).toBe(true);
    expect(stored.Metadata?.['owner']).toBe('alice');
    expect(stored.ContentType).toBe('image/jpeg');
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: emulators.stack.buckets.source }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([uploaded?.key]);
  });

  it('given --prefix with --api, when run, then it is a usage error before anything is sent', async () => {
    const io = captureIo({ cwd: work });

    const code = await main(['upload', 'beach day.jpg', '--api', '--prefix', 'x/'], io);

    expect(code).toBe(2);
    expect(io.stderrText()).toContain('--prefix does not apply with --api');
  });
});
