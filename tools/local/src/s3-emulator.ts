import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import S3rver from 's3rver';
import { LongKeyFilesystemStore } from './s3-filesystem-store';

/** Where an emulator reports an error it answered with a 500. */
export type ErrorLog = (line: string) => void;

/** The HTTP status an error is answered with: S3Error's `status`, Koa's, else 500. */
function statusOf(error: unknown): number {
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const given = typeof status === 'number' ? status : statusCode;
  return typeof given === 'number' ? given : 500;
}

/**
 * s3rver decodes `x-amz-copy-source` with `decodeURI`, which leaves `%2B`, `%2C`, `%3A`, …
 * encoded, so a key with `+` could not be copied. Re-encoding the fully decoded value with
 * `encodeURI` makes its `decodeURI` give back the exact key. (The header is signed, so this
 * relies on the `allowMismatchedSignatures` the stack runs s3rver with.)
 */
function normalizeCopySource(req: IncomingMessage): void {
  const header = req.headers['x-amz-copy-source'];
  if (typeof header !== 'string') return;
  try {
    req.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(header));
  } catch {
    // Not percent-encoded as S3 requires; s3rver answers for it as before.
  }
}

/**
 * s3rver's router matches a key as non-empty path segments, so a key with an empty segment
 * (`a//b`, `/a`, `a//`) would match no route. A slash that follows a slash is sent as `%2F`
 * instead, which the router decodes back into the key.
 */
function encodeEmptySegments(req: IncomingMessage): void {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (path.includes('//'))
    req.url = path.replace(/(?<=\/)\//g, '%2F') + (queryAt === -1 ? '' : url.slice(queryAt));
}

/** Whether a request is a multi-object delete (`POST /<bucket>?delete`). */
function isMultiDelete(req: IncomingMessage): boolean {
  return req.method === 'POST' && /\?(.*&)?delete(=|&|$)/.test(req.url ?? '');
}

/**
 * s3rver emits an `ObjectRemoved:Delete` event for `DeleteObject` but none for the keys a
 * multi-object `DeleteObjects` removes, where S3 notifies one per object. Each object the
 * store deletes while such a request is handled is announced the same way, so the bridge
 * forwards those deletions too.
 */
function announceMultiDeletes(
  s3rver: S3rver,
  store: LongKeyFilesystemStore,
): {
  readonly during: (req: IncomingMessage, handle: () => void) => void;
} {
  const multiDelete = new AsyncLocalStorage<boolean>();
  const deleteObject = store.deleteObject.bind(store);
  store.deleteObject = async (bucket: string, key: string) => {
    await deleteObject(bucket, key);
    if (multiDelete.getStore() !== true) return;
    s3rver.emit('event', {
      Records: [
        {
          eventName: 'ObjectRemoved:Delete',
          eventTime: new Date().toISOString(),
          s3: { bucket: { name: bucket }, object: { key } },
        },
      ],
    });
  };
  return { during: (req, handle) => multiDelete.run(isMultiDelete(req), handle) };
}

/**
 * s3rver with objects as files under `directory`, taking any S3 key (through
 * {@link LongKeyFilesystemStore}), and its request listener. A request whose handling fails
 * is answered as S3 does (`<Error><Code>InternalError</Code>…`, 500) and reported to `log`;
 * errors S3 answers for itself (NoSuchKey, …) are only answered, and a client that hangs up
 * mid-request only ends that request.
 *
 * @example
 * const { s3rver, listener } = createS3Emulator(join(dataDir, 's3'), console.error);
 * createServer(listener).listen(4568, '127.0.0.1');
 */
export function createS3Emulator(
  directory: string,
  log: ErrorLog,
): {
  readonly s3rver: S3rver;
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
} {
  // allowMismatchedSignatures: presigned URLs made for another host name (localhost) still work.
  const s3rver = new S3rver({
    directory,
    silent: true,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
  });
  // s3rver has no store option: its controllers read `context.store`, its bucket check `store`.
  const store = new LongKeyFilesystemStore(directory);
  s3rver.store = store;
  s3rver.context.store = store;
  // s3rver answers every error itself (as S3 XML) and then emits it here. A client that hung
  // up mid-request leaves nobody to answer (Koa's `writable` is false) and is no server fault.
  s3rver.on(
    'error',
    (error: unknown, ctx?: { method?: string; path?: string; writable?: boolean }) => {
      if (statusOf(error) < 500 || ctx?.writable === false) return;
      log(
        `s3: ${ctx?.method ?? '?'} ${ctx?.path ?? '?'} answered 500 InternalError: ${String(error)}`,
      );
    },
  );
  const koa = s3rver.callback();
  const multiDeletes = announceMultiDeletes(s3rver, store);
  return {
    s3rver,
    listener: (req, res) => {
      normalizeCopySource(req);
      encodeEmptySegments(req);
      multiDeletes.during(req, () => koa(req, res));
    },
  };
}
