import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { imageRecordSchema } from '@imgpipe/event-schemas';
import { awsConfigFromStack, createDynamoDbDocumentClient } from '@imgpipe/aws';
import type { LocalEmulators } from './testing/local-emulators';
import { startLocalEmulators } from './testing/local-emulators';
import { main } from './main';
import { doneRecord, rejectedStage, withoutStages } from './testing/record-fixtures';
import { captureIo } from './test-io';

// `imgpipe list` against dynalite through the local stack's IAM gateway, as the operator: the
// byOwner index read backwards page by page, and the scan without an owner.
jest.setTimeout(120_000);

const OWNER = 'pager';
const COUNT = 250;
const START = Date.parse('2026-06-01T00:00:00.000Z');

/** Image i of the owner, uploaded i minutes after START; every 10th rejected, every 7th pending. */
function ownedRecord(i: number): ImageRecord {
  const key = `pager/${String(i).padStart(3, '0')} photo.jpg`;
  const uploadedAt = new Date(START + i * 60_000).toISOString();
  const base = doneRecord(key, { ownerId: OWNER, uploadedAt });
  const record =
    i % 10 === 0
      ? { ...base, resize: rejectedStage('corrupt-image', 'the JPEG data is truncated') }
      : i % 7 === 0
        ? withoutStages(base, 'watermark')
        : base;
  return imageRecordSchema.parse({
    ...record,
    source: { ...base.source, ownerId: OWNER, uploadedAt },
  });
}

describe('imgpipe list against the local stack (acting as the operator)', () => {
  let emulators: LocalEmulators;
  const owned = Array.from({ length: COUNT }, (_, i) => ownedRecord(i));
  // Another owner's images, newer than all of the pager's: never in an --owner listing.
  const others = [1, 2, 3].map((i) =>
    imageRecordSchema.parse(
      doneRecord(`other/${i}.jpg`, {
        ownerId: 'someone-else',
        uploadedAt: new Date(START + (COUNT + i) * 60_000).toISOString(),
      }),
    ),
  );
  const newestFirst = (records: readonly ImageRecord[]) =>
    [...records].sort((a, b) => (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? ''));

  async function list(argv: string[]) {
    const io = captureIo({ cwd: emulators.root });
    const code = await main(['list', ...argv], io);
    return { code, out: io.stdoutText(), err: io.stderrText() };
  }

  async function listJson(argv: string[]) {
    const { code, out, err } = await list([...argv, '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    return JSON.parse(out) as { images: { imageId: string; state: string }[]; next: string | null };
  }

  beforeAll(async () => {
    emulators = await startLocalEmulators();
    const db = createDynamoDbDocumentClient(awsConfigFromStack(emulators.stack));
    const all = [...owned, ...others];
    for (let start = 0; start < all.length; start += 25) {
      const batch = all.slice(start, start + 25);
      await db.send(
        new BatchWriteCommand({
          RequestItems: {
            [emulators.stack.table]: batch.map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    }
  });

  afterAll(async () => {
    await emulators?.stop();
  });

  it('given 250 images of one owner, when listed 100 at a time with --after, then the pages hold them all once, newest first', async () => {
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page = await listJson([
        '--owner',
        OWNER,
        '--limit',
        '100',
        ...(after === null ? [] : ['--after', after]),
      ]);
      pages.push(page.images.map((image) => image.imageId));
      after = page.next;
    } while (after !== null && pages.length < 5);

    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(newestFirst(owned).map((record) => record.imageId));
  });

  it('given --status rejected, then only the rejected ones come, in order, with their derived state', async () => {
    const page = await listJson(['--owner', OWNER, '--status', 'rejected']);

    const rejected = newestFirst(owned.filter((_, i) => i % 10 === 0));
    expect(page.images.map((image) => image.imageId)).toEqual(rejected.map((r) => r.imageId));
    expect(new Set(page.images.map((image) => image.state))).toEqual(new Set(['rejected']));
    expect(page.next).toBeNull();
  });

  it('given --since, then the owner query stops at that upload time', async () => {
    const since = new Date(START + 240 * 60_000).toISOString();

    const page = await listJson(['--owner', OWNER, '--since', since]);

    expect(page.images.map((image) => image.imageId)).toEqual(
      newestFirst(owned.slice(240)).map((record) => record.imageId),
    );
  });

  it('given no owner, then a scan lists every owner newest first, and the table says pending and more', async () => {
    const { code, out, err } = await list(['--limit', '4', '--status', 'pending']);
    const scanned = await listJson(['--limit', '5']);

    expect({ code, err }).toEqual({ code: 0, err: '' });
    const pending = newestFirst(owned.filter((_, i) => i % 7 === 0 && i % 10 !== 0));
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^UPLOADED +OWNER +STATE +SIZE +KEY$/);
    expect(lines.slice(1, 5).map((line) => line.split(/ {2,}/))).toEqual(
      pending
        .slice(0, 4)
        .map((r) => [
          (r.uploadedAt ?? '').replace('T', ' ').replace('.000Z', 'Z'),
          OWNER,
          'pending',
          '2.4 MiB',
          r.imageId,
        ]),
    );
    expect(lines[5]).toMatch(/^more: --after [A-Za-z0-9_-]+$/);
    expect(scanned.images.map((image) => image.imageId)).toEqual([
      ...newestFirst(others).map((r) => r.imageId),
      ...newestFirst(owned)
        .slice(0, 2)
        .map((r) => r.imageId),
    ]);
  });

  it('given a bad --status or --after, then exit 2 with the reason', async () => {
    const status = await list(['--status', 'failed']);
    const after = await list(['--after', 'nope']);

    expect(status.code).toBe(2);
    expect(status.err).toContain("--status must be rejected, pending, done, deleted, got 'failed'");
    expect(after.code).toBe(2);
    expect(after.err).toContain("--after takes the token a previous listing printed, got 'nope'");
  });
});
