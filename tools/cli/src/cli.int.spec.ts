import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { awsConfigFromStack, createDynamoDbDocumentClient, createS3Client } from '@imgpipe/aws';
import { waitFor } from '@imgpipe/testing';
import type { LocalEmulators } from './testing/local-emulators';
import { startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import { doneRecord, rejectedStage, withoutStages } from './testing/record-fixtures';
import { captureIo } from './test-io';

// Against real s3rver and dynalite servers: the command's own code path end to end.
// Generous timeout: the machine is shared, one test starts a node process, and the --wait
// test may wait out its own 60 s --timeout before it fails.
jest.setTimeout(120_000);

describe('imgpipe against the local stack (IAM enforced, acting as the operator)', () => {
  let emulators: LocalEmulators;
  let work: string;
  const files: Record<string, Buffer> = {
    'photos/a.jpg': randomBytes(2048),
    'photos/trips/café + tea.jpg': randomBytes(70_000),
    'photos/trips/2024 summer/beach+sunset.png': randomBytes(10),
    'photos/trips/日本/富士山.webp': randomBytes(3333),
    'photos/.hidden.jpg': randomBytes(5),
    'photos/.cache/thumb.jpg': randomBytes(5),
    'extra/cover shot.JPG': randomBytes(1500),
  };

  const s3 = () => createS3Client(awsConfigFromStack(emulators.stack));
  const db = () => createDynamoDbDocumentClient(awsConfigFromStack(emulators.stack));

  async function sourceObject(key: string) {
    const out = await s3().send(
      new GetObjectCommand({ Bucket: emulators.stack.buckets.source, Key: key }),
    );
    return {
      bytes: Buffer.from(await (out.Body?.transformToByteArray() ?? new Uint8Array())),
      metadata: out.Metadata,
      type: out.ContentType,
    };
  }

  beforeAll(async () => {
    emulators = await startLocalEmulators();
    // A working folder below the stack's root: the stack description is found by searching upward.
    work = join(emulators.root, 'work', 'nested');
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(join(work, path, '..'), { recursive: true });
      await writeFile(join(work, path), bytes);
    }
  });

  afterAll(async () => {
    await emulators.stop();
  });

  it('uploads nested folders and single files to the exact keys, bytes and owner metadata', async () => {
    const io = captureIo({ cwd: work });

    const code = await main(
      [
        'upload',
        'photos',
        'extra/cover shot.JPG',
        '--prefix',
        'albums/',
        '--owner',
        'alice',
        '--json',
      ],
      io,
    );

    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    const listed = await s3().send(
      new ListObjectsV2Command({ Bucket: emulators.stack.buckets.source, Prefix: 'albums/' }),
    );
    const expectedKeys = [
      'albums/a.jpg',
      'albums/cover shot.JPG',
      'albums/trips/2024 summer/beach+sunset.png',
      'albums/trips/café + tea.jpg',
      'albums/trips/日本/富士山.webp',
    ];
    expect((listed.Contents ?? []).map((object) => object.Key).sort()).toEqual(expectedKeys.sort());
    for (const [path, key] of [
      ['photos/a.jpg', 'albums/a.jpg'],
      ['photos/trips/café + tea.jpg', 'albums/trips/café + tea.jpg'],
      ['photos/trips/2024 summer/beach+sunset.png', 'albums/trips/2024 summer/beach+sunset.png'],
      ['photos/trips/日本/富士山.webp', 'albums/trips/日本/富士山.webp'],
      ['extra/cover shot.JPG', 'albums/cover shot.JPG'],
    ] as const) {
      const object = await sourceObject(key);
      expect(object.bytes.equals(files[path] as Buffer)).toBe(true);
      expect(object.metadata).toEqual({ owner: 'alice' });
    }
    expect((await sourceObject('albums/trips/café + tea.jpg')).type).toBe('image/jpeg');
    expect((await sourceObject('albums/trips/日本/富士山.webp')).type).toBe('image/webp');
    const document = JSON.parse(io.stdoutText());
    expect(document.bucket).toBe('imgpipe-source');
    expect(document.failed).toEqual([]);
    expect(document.uploaded.map((u: { key: string }) => u.key).sort()).toEqual(
      expectedKeys.sort(),
    );
  });

  it('reports a failed input per file in plain output, uploads the rest, and exits 1', async () => {
    const io = captureIo({ cwd: work, env: { IMGPIPE_STACK_FILE: emulators.stackFile } });

    const code = await main(['upload', 'missing.jpg', 'photos/a.jpg', '--prefix', 'plain/'], io);

    expect(code).toBe(1);
    expect(io.stderrText()).toBe('skipped   missing.jpg: no such file or folder\n');
    // A line per file as it ends, then the summary: the summary is printed after all uploads.
    const out = io.stdoutText().trimEnd().split('\n');
    expect(out).toContain(`uploaded  ${join('photos', 'a.jpg')} -> plain/a.jpg  2.0 KiB`);
    expect(out.at(-1)).toMatch(/^Uploaded 1 of 1 files \(2\.0 KiB\) in .+; 1 failed$/);
    expect((await sourceObject('plain/a.jpg')).bytes.equals(files['photos/a.jpg'] as Buffer)).toBe(
      true,
    );
    expect((await sourceObject('plain/a.jpg')).metadata).toEqual({});
  });

  it('reports a bucket outside the operator policy as access denied for every file, as AWS does', async () => {
    const io = captureIo({ cwd: work });

    const code = await main(
      ['upload', 'photos/a.jpg', 'extra', '--source-bucket', 'no-such-bucket'],
      io,
    );

    expect(code).toBe(1);
    const denied = (key: string) =>
      `AccessDenied: User: arn:aws:iam::000000000000:role/imgpipe-local-operator is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::no-such-bucket/${key} because no identity-based policy allows the s3:PutObject action`;
    // Uploads run concurrently and each failure is printed as it ends: any order is right.
    expect(io.stderrText().trimEnd().split('\n').sort()).toEqual(
      [
        `failed    ${join('photos', 'a.jpg')}: ${denied('a.jpg')}`,
        `failed    ${join('extra', 'cover shot.JPG')}: ${denied('cover shot.JPG')}`,
      ].sort(),
    );
    expect(io.stdoutText().trimEnd().split('\n').at(-1)).toMatch(
      /^Uploaded 0 of 2 files \(0 B\) in .+; 2 failed$/,
    );
  });

  it('shows a stored record as done, rejected and pending stages, and --json gives it as stored', async () => {
    const record = doneRecord('albums/trips/café + tea.jpg', {
      watermark: rejectedStage('too-many-pixels', 'the image has 120 MP; the limit is 100 MP'),
    });
    const withoutResize = withoutStages(record, 'resize');
    await db().send(new PutCommand({ TableName: emulators.stack.table, Item: withoutResize }));
    const human = captureIo({ cwd: work });
    const json = captureIo({ cwd: work });

    const humanCode = await main(['status', 'albums/trips/café + tea.jpg'], human);
    const jsonCode = await main(['status', 'albums/trips/café + tea.jpg', '--json'], json);

    expect(humanCode).toBe(0);
    const lines = human.stdoutText().split('\n');
    expect(lines[0]).toBe('albums/trips/café + tea.jpg  (pending: resize)');
    expect(lines).toContain(
      '  image      done  jpeg 4000×3000  srgb 8-bit  orientation 6  no alpha  ICC profile',
    );
    expect(lines).toContain('  resize     pending');
    expect(lines).toContain(
      '  watermark  rejected  the image has 120 MP; the limit is 100 MP [too-many-pixels]',
    );
    expect(jsonCode).toBe(0);
    expect(JSON.parse(json.stdoutText())).toEqual(withoutResize);
  });

  it('exits 1 for a key without a record, after printing the ones it has', async () => {
    await db().send(
      new PutCommand({ TableName: emulators.stack.table, Item: doneRecord('b.jpg') }),
    );
    const io = captureIo({ cwd: work });

    const code = await main(['status', 'b.jpg', 'nope.jpg'], io);

    expect(code).toBe(1);
    expect(io.stdoutText()).toContain('b.jpg  (complete)\n');
    expect(io.stdoutText()).toContain(
      '  watermark  done  1 output in s3://imgpipe-processed  (77 ms)',
    );
    expect(io.stderrText()).toBe(
      'no record for "nope.jpg" in imgpipe-images: not uploaded, or not processed yet\n',
    );
  });

  it('waits with --wait until the pipeline has written every stage for the uploaded bytes', async () => {
    const io = captureIo({ cwd: work });
    const key = 'waited/a.jpg';

    const run = main(
      ['upload', 'photos/a.jpg', '--prefix', 'waited/', '--wait', '--timeout', '60'],
      io,
    );
    // Play the pipeline: once the object lands, write its record with the uploaded ETag.
    const eTag = await waitFor(
      async () =>
        (
          await s3()
            .send(new HeadObjectCommand({ Bucket: emulators.stack.buckets.source, Key: key }))
            .catch(() => undefined)
        )?.ETag,
      { timeoutMs: 30_000, intervalMs: 50, what: `the uploaded object ${key}` },
    );
    const record = doneRecord(key, {
      resize: rejectedStage('unsupported-format', 'resizing is off for this test'),
    });
    await db().send(
      new PutCommand({
        TableName: emulators.stack.table,
        Item: { ...record, source: { ...record.source, eTag: eTag.replace(/"/g, '') } },
      }),
    );
    const code = await run;

    expect(io.stderrText()).toBe('rejected  waited/a.jpg: resize: resizing is off for this test\n');
    expect(io.stdoutText()).toContain('Processed 0 of 1; 1 rejected, 0 still pending\n');
    expect(code).toBe(1);
  });

  it('runs from the installed bin in any folder, with no AWS SDK node-version warning', async () => {
    await db().send(
      new PutCommand({ TableName: emulators.stack.table, Item: doneRecord('c.jpg') }),
    );
    const elsewhere = await mkdtemp(join(tmpdir(), 'imgpipe-cli-cwd-'));
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          join(__dirname, '..', 'bin', 'imgpipe.js'),
          'status',
          'c.jpg',
          '--stack',
          emulators.stackFile,
        ],
        // Killed if it hangs, so it cannot outlive the test.
        { cwd: elsewhere, env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 },
      );

      expect(stderr).toBe('');
      expect(stdout).toContain('c.jpg  (complete)\n');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
