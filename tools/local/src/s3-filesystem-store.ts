import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  rmdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import FilesystemStore from 's3rver/lib/stores/filesystem';
import S3Object from 's3rver/lib/models/object';
import { listPage } from './s3-listing';
import type { ListPage, ListRequest } from './s3-listing';
import { KEY_RESOURCE, isHashedStorageKey, storageKeyOf } from './s3-key-paths';
import { assertPartNumber, assertWritableKey, invalidPart, noSuchUpload } from './s3-errors';
import { hasCode, ignoring, writeContent } from './s3-store-io';
import type { Written } from './s3-store-io';

type Metadata = Record<string, string>;

const OBJECT_SUFFIX = '._S3rver_object';
/** Every resource s3rver or this store keeps beside an object's bytes. */
const OBJECT_RESOURCES = ['object', 'object.md5', 'metadata.json', 'tagging.xml', KEY_RESOURCE];

/**
 * s3rver's filesystem store with any S3 key: each key goes through {@link storageKeyOf}, so
 * keys with segments over 255 bytes (or `.`, `..`, empty segments) get a hashed file name and
 * ordinary keys keep s3rver's readable layout. Writes fail as rejected promises, never as
 * unhandled stream errors, and land by rename, so a reader sees the old object or the new one.
 * Listing is S3's: UTF-8 byte order, keys returned exactly.
 *
 * @example
 * const s3rver = new S3rver({ directory });
 * s3rver.store = s3rver.context.store = new LongKeyFilesystemStore(directory);
 */
export class LongKeyFilesystemStore extends FilesystemStore {
  override getResourcePath(bucket: string, key: string | undefined, resource: string): string {
    return super.getResourcePath(bucket, storageKeyOf(key ?? ''), resource);
  }

  override async putObject(object: S3Object): Promise<Written> {
    assertWritableKey(object.key);
    if (object.content === null) throw new Error(`no content to store for ${object.key}`);
    const content = object.content;
    const written = await this.writeObjectFile(object.bucket, object.key, (file) =>
      writeContent(content, file),
    );
    await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
    return written;
  }

  override async copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata: Metadata | null,
  ): Promise<Metadata> {
    assertWritableKey(destKey);
    const from = (resource: string) => this.getResourcePath(srcBucket, srcKey, resource);
    const to = (resource: string) => this.getResourcePath(destBucket, destKey, resource);
    if (from('object') !== to('object')) {
      await this.writeObjectFile(destBucket, destKey, (file) => copyFile(from('object'), file));
      // A missing source md5 or metadata file must not leave the destination's old one behind.
      const resources = replacementMetadata ? ['object.md5'] : ['object.md5', 'metadata.json'];
      for (const resource of resources) {
        await copyFile(from(resource), to(resource)).catch(async (error: unknown) => {
          if (!hasCode(error, 'ENOENT')) throw error;
          await ignoring(['ENOENT'], () => unlink(to(resource)));
        });
      }
    }
    if (replacementMetadata) await this.putMetadata(destBucket, destKey, replacementMetadata);
    return this.getMetadata(destBucket, destKey);
  }

  override async deleteObject(bucket: string, key: string): Promise<void> {
    for (const resource of OBJECT_RESOURCES)
      await ignoring(['ENOENT'], () => unlink(this.getResourcePath(bucket, key, resource)));
    // Empty folders go, deepest first; one another write has just filled stays.
    const folders = storageKeyOf(key).split('/').slice(0, -1);
    for (let depth = folders.length; depth > 0; depth--) {
      try {
        await rmdir(join(this.getBucketPath(bucket), ...folders.slice(0, depth)));
      } catch (error) {
        if (hasCode(error, 'ENOENT')) continue;
        if (hasCode(error, 'ENOTEMPTY', 'EEXIST')) return;
        throw error;
      }
    }
  }

  override async listObjects(
    bucket: string,
    options: ListRequest,
  ): Promise<Omit<ListPage, 'keys'> & { objects: S3Object[] }> {
    const prefix = options.prefix ?? '';
    const keys = await this.keysUnder(this.getBucketPath(bucket), '', prefix);
    const page = listPage(keys, options);
    const objects: S3Object[] = [];
    for (const key of page.keys) {
      try {
        objects.push(new S3Object(bucket, key, null, await this.getMetadata(bucket, key)));
      } catch (error) {
        // Deleted while the listing ran.
        if (!hasCode(error, 'ENOENT')) throw error;
      }
    }
    return { objects, commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated };
  }

  override async initiateUpload(
    bucket: string,
    key: string,
    uploadId: string,
    metadata: Metadata,
  ): Promise<void> {
    assertWritableKey(key);
    await super.initiateUpload(bucket, key, uploadId, metadata);
  }

  override async putPart(
    bucket: string,
    uploadId: string,
    partNumber: number | string,
    content: Readable,
  ): Promise<Written> {
    assertPartNumber(partNumber);
    const partPath = join(await this.uploadDir(bucket, uploadId), String(partNumber));
    const written = await writeContent(content, partPath);
    await writeFile(`${partPath}.md5`, written.md5);
    return written;
  }

  override async putObjectMultipart(
    bucket: string,
    uploadId: string,
    parts: ReadonlyArray<{ number: number; etag: string }>,
  ): Promise<Written> {
    const dir = await this.uploadDir(bucket, uploadId);
    const [key, metadata] = await Promise.all([
      readFile(join(dir, 'key'), 'utf8'),
      readFile(join(dir, 'metadata'), 'utf8').then((json) => JSON.parse(json) as Metadata),
    ]);
    const ordered = [...parts].sort((a, b) => a.number - b.number);
    for (const part of ordered) {
      const md5 = await readFile(join(dir, `${part.number}.md5`), 'utf8').catch(() => undefined);
      if (md5 === undefined || md5 !== part.etag) throw invalidPart(uploadId, part);
    }
    async function* partBytes() {
      for (const part of ordered) yield* createReadStream(join(dir, String(part.number)));
    }
    const result = await this.putObject(
      new S3Object(bucket, key, Readable.from(partBytes()), metadata),
    );
    await rm(dir, { recursive: true, force: true });
    return result;
  }

  /** A multipart upload's folder; NoSuchUpload when it was never started (or is finished). */
  private async uploadDir(bucket: string, uploadId: string): Promise<string> {
    // s3rver's upload IDs are 32 hex digits; anything else could point outside the bucket.
    if (!/^[0-9a-f]{32}$/.test(uploadId)) throw noSuchUpload(uploadId);
    const dir = join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    try {
      await readFile(join(dir, 'key'));
    } catch (error) {
      if (!hasCode(error, 'ENOENT', 'ENOTDIR')) throw error;
      throw noSuchUpload(uploadId);
    }
    return dir;
  }

  /**
   * Writes an object's bytes beside its bucket, then renames them into place. A hashed key's
   * key file is written first, so a listing that finds the object can always name it.
   */
  private async writeObjectFile<T>(
    bucket: string,
    key: string,
    write: (file: string) => Promise<T>,
  ): Promise<T> {
    const scratch = this.getResourcePath(bucket, undefined, 'uploads');
    await mkdir(scratch, { recursive: true });
    const temporary = join(scratch, `.incoming-${randomBytes(8).toString('hex')}`);
    try {
      const result = await write(temporary);
      const target = this.getResourcePath(bucket, key, 'object');
      await mkdir(dirname(target), { recursive: true });
      if (isHashedStorageKey(storageKeyOf(key)))
        await writeFile(this.getResourcePath(bucket, key, KEY_RESOURCE), key, 'utf8');
      await this.moveIntoPlace(temporary, target);
      return result;
    } finally {
      await ignoring(['ENOENT'], () => unlink(temporary));
    }
  }

  /** A delete of the last object in a folder may remove the folder in between: make it again. */
  private async moveIntoPlace(from: string, to: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await rename(from, to);
        return;
      } catch (error) {
        if (!hasCode(error, 'ENOENT') || attempt === 3) throw error;
        await mkdir(dirname(to), { recursive: true });
      }
    }
  }

  /**
   * Every key stored under `folder` (a folder of readable key segments, `path` from the
   * bucket), skipping folders that cannot hold a key starting with `prefix`.
   */
  private async keysUnder(folder: string, path: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const storageKey = path + entry.name;
      if (entry.isDirectory()) {
        const below = `${storageKey}/`;
        // Readable folders never hold `._S3rver_`: this one is s3rver's (multipart uploads).
        if (entry.name.includes('._S3rver_')) continue;
        if (!below.startsWith(prefix) && !prefix.startsWith(below)) continue;
        keys.push(...(await this.keysUnder(join(folder, entry.name), below, prefix)));
      } else if (entry.name.endsWith(OBJECT_SUFFIX)) {
        const key = await this.keyOf(folder, storageKey.slice(0, -OBJECT_SUFFIX.length));
        if (key?.startsWith(prefix)) keys.push(key);
      }
    }
    return keys;
  }

  private async keyOf(folder: string, storageKey: string): Promise<string | undefined> {
    if (!isHashedStorageKey(storageKey)) return FilesystemStore.decodeKeyPath(storageKey);
    const name = storageKey.split('/').pop() ?? '';
    // An object whose key file is gone cannot be named, so it cannot be listed either.
    return readFile(join(folder, `${name}._S3rver_${KEY_RESOURCE}`), 'utf8').catch(() => undefined);
  }
}
