import { compareKeys } from './s3-key-paths';

/** What a ListObjects(V2) request asks of a bucket's keys. */
export interface ListRequest {
  readonly prefix?: string | undefined;
  readonly delimiter?: string | undefined;
  /** Keys up to and including this one are skipped (StartAfter, V1 Marker, or the continuation key). */
  readonly startAfter?: string | undefined;
  readonly maxKeys?: number | undefined;
}

/** One page of a listing. */
export interface ListPage {
  readonly keys: readonly string[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
}

type Entry = { readonly kind: 'key' | 'prefix'; readonly value: string };

/**
 * One page of `keys` as S3 lists it: in UTF-8 byte order, after `startAfter`, under
 * `prefix`, keys that contain `delimiter` after the prefix rolled up into one common prefix,
 * keys and common prefixes together counting towards `maxKeys`.
 *
 * s3rver makes the continuation token from the page's last key, so a truncated page must end
 * with a key: common prefixes after the page's last key move to the next page (whose keys all
 * sort after them, so none repeats), and a page of nothing but common prefixes grows past
 * `maxKeys` until it reaches a key or the end.
 *
 * @example
 * listPage(['a/1', 'a/2', 'b'], { delimiter: '/' });
 * // { keys: ['b'], commonPrefixes: ['a/'], isTruncated: false }
 */
export function listPage(keys: readonly string[], request: ListRequest): ListPage {
  const { prefix = '', delimiter = '', startAfter = '', maxKeys = 1000 } = request;
  const entries: Entry[] = [];
  for (const key of [...keys].sort(compareKeys)) {
    if (!key.startsWith(prefix) || compareKeys(key, startAfter) <= 0) continue;
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut === -1) {
      entries.push({ kind: 'key', value: key });
      continue;
    }
    const commonPrefix = key.slice(0, cut + delimiter.length);
    // Keys under one prefix are adjacent in sorted order, so comparing with the last entry suffices.
    const previous = entries[entries.length - 1];
    if (previous?.kind !== 'prefix' || previous.value !== commonPrefix)
      entries.push({ kind: 'prefix', value: commonPrefix });
  }

  let end = Math.min(Math.max(maxKeys, 0), entries.length);
  if (end < entries.length) {
    const lastKeyInPage = entries.slice(0, end).findLastIndex((entry) => entry.kind === 'key');
    const nextKey = entries.findIndex((entry, index) => index >= end && entry.kind === 'key');
    end = lastKeyInPage !== -1 ? lastKeyInPage + 1 : nextKey === -1 ? entries.length : nextKey + 1;
  }
  const page = entries.slice(0, end);
  return {
    keys: page.filter((entry) => entry.kind === 'key').map((entry) => entry.value),
    commonPrefixes: page.filter((entry) => entry.kind === 'prefix').map((entry) => entry.value),
    isTruncated: end < entries.length,
  };
}
