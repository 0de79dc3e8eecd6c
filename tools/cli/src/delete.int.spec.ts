import { PutObjectCommand } from '@aws-sdk/client-s3';
import { awsConfigFromStack, createS3Client } from '@imgpipe/aws';
import type { LocalEmulators } from './testing/local-emulators';
import { objectExists, startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import { captureIo } from './test-io';

// Real s3rver and dynalite with IAM enforced: the CLI deletes as the operator, so a missing
// s3:DeleteObject grant would fail here with AccessDenied, as on AWS. No services run: what
// they do on the removal event is the pipeline's own integration tests' concern.
jest.setTimeout(120_000);

const KEYS = ['albums/2024 summer/beach + sunset.jpg', 'albums/café+tea.jpg'];

describe('imgpipe delete against the local stack (IAM enforced, acting as the operator)', () => {
  let emulators: LocalEmulators;
  const s3 = () => createS3Client(awsConfigFromStack(emulators.stack));

  const exists = (key: string) =>
    objectExists(emulators.stack, emulators.stack.buckets.source, key);

  async function put(key: string): Promise<void> {
    await s3().send(
      new PutObjectCommand({ Bucket: emulators.stack.buckets.source, Key: key, Body: 'bytes' }),
    );
  }

  async function run(argv: string[]) {
    const io = captureIo({ cwd: emulators.root });
    const code = await main(argv, io);
    return { code, out: io.stdoutText(), err: io.stderrText() };
  }

  beforeAll(async () => {
    emulators = await startLocalEmulators();
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  it('given two source objects and a key with none, when deleted, then both are gone, the third is reported, and it exits 0', async () => {
    for (const key of KEYS) await put(key);
    await put('albums/kept.jpg');

    const { code, out, err } = await run(['delete', ...KEYS, 'albums/never.jpg']);

    expect(err).toBe('no source object "albums/never.jpg" in imgpipe-source: nothing to delete\n');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(KEYS.map((key) => `deleted   s3://imgpipe-source/${key}`));
    expect(lines[2]).toMatch(
      /^Deleted 2 of 3 objects from s3:\/\/imgpipe-source in [\d.]+s; 1 had none$/,
    );
    for (const key of KEYS) expect(await exists(key)).toBe(false);
    expect(await exists('albums/kept.jpg')).toBe(true);
  });

  it('given only keys with no object, when deleted with --json, then it says so per key and exits 3', async () => {
    const { code, out, err } = await run(['delete', 'none/a.jpg', 'none/b.jpg', '--json']);

    expect({ code, err }).toEqual({ code: 3, err: '' });
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { key: 'none/a.jpg', outcome: 'missing' },
      { key: 'none/b.jpg', outcome: 'missing' },
    ]);
  });

  it('given no service to follow the removal, when deleted with --wait, then the object is gone, the wait times out on the record, and it exits 1', async () => {
    await put('wait/a.jpg');

    const { code, out } = await run(['delete', 'wait/a.jpg', '--wait', '--timeout', '2']);

    expect(code).toBe(1);
    expect(await exists('wait/a.jpg')).toBe(false);
    expect(out.trimEnd().split('\n').slice(-2)).toEqual([
      '1 of 1 records not deleted after 2s:',
      '  wait/a.jpg: image pending, resize pending, watermark pending',
    ]);
  });
});
