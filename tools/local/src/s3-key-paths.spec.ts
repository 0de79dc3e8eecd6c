import { createHash } from 'node:crypto';
import { compareKeys, isHashedStorageKey, isKeyTooLong, storageKeyOf } from './s3-key-paths';

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

describe('storageKeyOf', () => {
  it.each([
    'photo.jpg',
    'my photos/café + tea ☕.jpg',
    'resized/a b/320w.webp',
    'folder/',
    `${'x'.repeat(255)}/${'y'.repeat(233)}`,
    'a/..',
    'a/k._S3rver_object',
  ])('given the ordinary key %j, then it is stored as itself (s3rver’s readable layout)', (key) => {
    expect(storageKeyOf(key)).toBe(key);
  });

  it.each([
    ['a last segment over 233 bytes', `albums/${'é'.repeat(117)}`, 'albums/'],
    ['a folder segment over 255 bytes', `albums/${'x'.repeat(256)}/a.jpg`, 'albums/'],
    ['an empty segment', 'a//b.jpg', 'a/'],
    ['a `..` segment', 'a/../b.jpg', 'a/'],
    ['a `.` segment', './b.jpg', ''],
    ['s3rver’s suffix in a folder', 'k._S3rver_object/z.jpg', ''],
    ['s3rver’s uploads folder', '._S3rver_uploads/x', ''],
    ['the reserved prefix', 'a/@long-key-1', 'a/'],
    ['a NUL', 'a/b\0c', 'a/'],
  ])(
    'given a key with %s, then it keeps its readable leading folders and is stored under its hash',
    (_, key, folders) => {
      expect(storageKeyOf(key)).toBe(`${folders}@long-key-${sha256(key)}`);
      expect(isHashedStorageKey(storageKeyOf(key))).toBe(true);
    },
  );

  it('given two long keys that differ only after the 255th byte, then they get different files', () => {
    const common = 'z'.repeat(300);

    expect(storageKeyOf(`${common}a`)).not.toBe(storageKeyOf(`${common}b`));
  });
});

describe('compareKeys', () => {
  it('given keys with characters above U+FFFF and around `/`, then it orders them by UTF-8 bytes as S3 does', () => {
    const keys = ['b', 'a/x', '\u{1F600}', '\uFF5E', 'a-x', 'a'];

    expect([...keys].sort(compareKeys)).toEqual(['a', 'a-x', 'a/x', 'b', '\uFF5E', '\u{1F600}']);
  });
});

describe('isKeyTooLong', () => {
  it('given keys of 1,024 and 1,025 UTF-8 bytes, then only the second is too long', () => {
    expect(isKeyTooLong(`${'é'.repeat(511)}xx`)).toBe(false);
    expect(isKeyTooLong(`${'é'.repeat(511)}xxx`)).toBe(true);
  });
});
