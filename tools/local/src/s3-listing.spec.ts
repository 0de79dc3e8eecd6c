import { listPage } from './s3-listing';
import type { ListRequest } from './s3-listing';

/** Every page of a listing, each continued after its last key as s3rver's token does. */
function allPages(keys: readonly string[], request: ListRequest) {
  const pages = [];
  let startAfter: string | undefined;
  for (;;) {
    const page = listPage(keys, { ...request, startAfter });
    pages.push(page);
    if (!page.isTruncated) return pages;
    startAfter = page.keys[page.keys.length - 1];
  }
}

describe('listPage', () => {
  const keys = ['b/2', 'a', 'b/1', 'c', 'd/1', 'e', 'a-b', '\u{1F600}', '\uFF5E'];

  it('given no options, then every key comes back once, in UTF-8 byte order', () => {
    expect(listPage(keys, {})).toEqual({
      keys: ['a', 'a-b', 'b/1', 'b/2', 'c', 'd/1', 'e', '\uFF5E', '\u{1F600}'],
      commonPrefixes: [],
      isTruncated: false,
    });
  });

  it('given a prefix and a delimiter, then keys below the next delimiter roll up into common prefixes', () => {
    expect(listPage(['p/x', 'p/y/1', 'p/y/2', 'q/z'], { prefix: 'p/', delimiter: '/' })).toEqual({
      keys: ['p/x'],
      commonPrefixes: ['p/y/'],
      isTruncated: false,
    });
  });

  it('given pages of 2 continued after each page’s last key, then together they hold every key and common prefix exactly once', () => {
    const pages = allPages(keys, { delimiter: '/', maxKeys: 2 });

    expect(pages.flatMap((page) => page.keys)).toEqual([
      'a',
      'a-b',
      'c',
      'e',
      '\uFF5E',
      '\u{1F600}',
    ]);
    expect(pages.flatMap((page) => page.commonPrefixes)).toEqual(['b/', 'd/']);
    expect(pages.every((page, index) => page.isTruncated === index < pages.length - 1)).toBe(true);
  });

  it('given a full page that would end with a common prefix, then the page ends at its last key and the prefix opens the next page', () => {
    const first = listPage(['a', 'b/1', 'c'], { delimiter: '/', maxKeys: 2 });

    expect(first).toEqual({ keys: ['a'], commonPrefixes: [], isTruncated: true });
    expect(listPage(['a', 'b/1', 'c'], { delimiter: '/', maxKeys: 2, startAfter: 'a' })).toEqual({
      keys: ['c'],
      commonPrefixes: ['b/'],
      isTruncated: false,
    });
  });

  it('given a page of nothing but common prefixes, then it runs on to the next key (s3rver needs a key to continue after)', () => {
    expect(listPage(['a/1', 'b/1', 'c/1', 'd', 'e'], { delimiter: '/', maxKeys: 1 })).toEqual({
      keys: ['d'],
      commonPrefixes: ['a/', 'b/', 'c/'],
      isTruncated: true,
    });
  });
});
