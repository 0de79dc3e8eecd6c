import {
  afterCursor,
  cursorOf,
  decodeCursor,
  encodeCursor,
  listedImage,
  matchesListFilter,
  newestFirst,
} from './image-list';
import { formatImageList } from './image-list-format';
import { deletedRecord, doneRecord, rejectedStage, withoutStages } from './testing/record-fixtures';

const at = (key: string, uploadedAt: string | undefined) => ({
  ...doneRecord(key),
  uploadedAt,
});

describe('image listing', () => {
  it('given a status and a since, then only records in that state uploaded since then pass', () => {
    const rejected = doneRecord('r.jpg', { resize: rejectedStage('corrupt', 'truncated JPEG') });
    const pending = withoutStages(doneRecord('p.jpg'), 'watermark');
    const since = new Date('2026-01-02T03:04:05.000Z');

    expect(matchesListFilter(rejected, { status: 'rejected' })).toBe(true);
    expect(matchesListFilter(pending, { status: 'rejected' })).toBe(false);
    expect(matchesListFilter(pending, { status: 'pending', since })).toBe(true);
    expect(matchesListFilter(pending, { since: new Date('2026-01-02T03:04:06.000Z') })).toBe(false);
    expect(matchesListFilter(at('x.jpg', undefined), { since })).toBe(false);
  });

  it('given --status deleted, then only records whose every stage says deleted pass', () => {
    expect(matchesListFilter(deletedRecord('d.jpg'), { status: 'deleted' })).toBe(true);
    expect(matchesListFilter(deletedRecord('h.jpg', ['image']), { status: 'deleted' })).toBe(false);
    expect(matchesListFilter(deletedRecord('d.jpg'), { status: 'done' })).toBe(false);
  });

  it('given records, then newest upload comes first, ties by key, no upload time last', () => {
    const records = [
      at('b.jpg', '2026-01-01T00:00:00.000Z'),
      at('none.jpg', undefined),
      at('c.jpg', '2026-03-01T00:00:00.000Z'),
      at('a.jpg', '2026-01-01T00:00:00.000Z'),
    ];

    expect(records.sort(newestFirst).map((r) => r.imageId)).toEqual([
      'c.jpg',
      'a.jpg',
      'b.jpg',
      'none.jpg',
    ]);
  });

  it('given a cursor, then its token round-trips and a scan continues right after it', () => {
    const a = at('a.jpg', '2026-01-01T00:00:00.000Z');
    const sorted = [at('c.jpg', '2026-03-01T00:00:00.000Z'), a, at('b.jpg', a.uploadedAt)];
    const token = encodeCursor(cursorOf(a));

    const cursor = decodeCursor(token, 'list');

    expect(cursor).toEqual({
      imageId: 'a.jpg',
      ownerId: 'alice',
      uploadedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(afterCursor(sorted, cursor).map((r) => r.imageId)).toEqual(['b.jpg']);
  });

  it('given a token no listing printed, then it is a usage error', () => {
    expect(() => decodeCursor('not-a-token', 'list')).toThrow(
      "--after takes the token a previous listing printed, got 'not-a-token'",
    );
    expect(() => decodeCursor(encodeCursor({ imageId: 7 } as never), 'list')).toThrow(
      '--after takes the token',
    );
  });

  it('given images, then the table shows time, owner, state, size and key with reasons', () => {
    const rejected = doneRecord('photos/r.jpg', {
      resize: rejectedStage('corrupt', 'truncated JPEG'),
    });

    expect(formatImageList([listedImage(doneRecord('a.jpg')), listedImage(rejected)])).toBe(
      [
        'UPLOADED              OWNER  STATE        SIZE  KEY',
        '2026-01-02 03:04:05Z  alice  done      2.4 MiB  a.jpg',
        '2026-01-02 03:04:05Z  alice  rejected  2.4 MiB  photos/r.jpg  (resize: truncated JPEG)',
        '',
      ].join('\n'),
    );
    expect(formatImageList([])).toBe('no images\n');
  });
});
