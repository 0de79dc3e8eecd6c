import type { ImageRecord } from '@imgpipe/event-schemas';
import type { ImageRecords, StageWrite, StageWriteResult } from './image-records';
import { isStageCurrent } from './image-records';
import type { ObjectHead, ObjectStore, OpenedObject, PutOptions } from './object-store';
import { ObjectNotFoundError } from './object-store';

/** A stored object of {@link InMemoryObjectStore}. */
export interface StoredObject {
  readonly body: Buffer;
  readonly head: ObjectHead;
}

/**
 * {@link ObjectStore} in memory, for unit tests of a service's process-record.
 *
 * @example
 * const store = new InMemoryObjectStore();
 * store.seed('src', 'a.jpg', jpegBytes, { contentType: 'image/jpeg' });
 */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, StoredObject>();
  /**
   * Keys whose bytes were read (`get`, or `read` after `open`), in order: lets a test prove
   * a guard skipped the download.
   */
  readonly reads: string[] = [];
  /** Keys opened and then discarded unread, in order. */
  readonly discarded: string[] = [];
  /** How many opened objects were neither read nor discarded: 0 unless a caller leaks one. */
  unsettled = 0;

  seed(bucket: string, key: string, body: Buffer, options: Partial<PutOptions> = {}): void {
    this.objects.set(`${bucket}/${key}`, {
      body,
      head: {
        size: body.length,
        eTag: `etag-${body.length}`,
        contentType: options.contentType ?? 'application/octet-stream',
        lastModified: new Date('2026-01-01T00:00:00.000Z'),
        metadata: { ...options.metadata },
      },
    });
  }

  async head(bucket: string, key: string): Promise<ObjectHead | undefined> {
    return this.objects.get(`${bucket}/${key}`)?.head;
  }

  async open(bucket: string, key: string): Promise<OpenedObject | undefined> {
    const object = this.objects.get(`${bucket}/${key}`);
    if (!object) return undefined;
    let state: 'unread' | 'read' | 'discarded' = 'unread';
    const settle = (next: 'read' | 'discarded'): boolean => {
      if (state !== 'unread') return false;
      state = next;
      this.unsettled -= 1;
      return true;
    };
    this.unsettled += 1;
    return {
      head: object.head,
      read: async () => {
        if (!settle('read')) throw new Error(`body of s3://${bucket}/${key} is already ${state}`);
        this.reads.push(`${bucket}/${key}`);
        return object.body;
      },
      discard: () => {
        if (settle('discarded')) this.discarded.push(`${bucket}/${key}`);
      },
    };
  }

  async get(bucket: string, key: string): Promise<Buffer> {
    this.reads.push(`${bucket}/${key}`);
    const object = this.objects.get(`${bucket}/${key}`);
    if (!object) throw new ObjectNotFoundError(bucket, key);
    return object.body;
  }

  async put(bucket: string, key: string, body: Buffer, options: PutOptions): Promise<void> {
    this.seed(bucket, key, body, options);
  }

  async delete(bucket: string, key: string): Promise<void> {
    this.objects.delete(`${bucket}/${key}`);
  }

  /** Keys of the objects stored in `bucket` under `prefix`, sorted. */
  keysUnder(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()]
      .filter((path) => path.startsWith(`${bucket}/${prefix}`))
      .map((path) => path.slice(bucket.length + 1))
      .sort();
  }
}

/**
 * {@link ImageRecords} in memory with the same conditional rule as DynamoDB's.
 *
 * @example
 * const records = new InMemoryImageRecords();
 * await processRecord(event, { records, ... });
 * expect((await records.get('a.jpg'))?.image?.status).toBe('done');
 */
export class InMemoryImageRecords implements ImageRecords {
  readonly items = new Map<string, ImageRecord>();

  async get(imageId: string): Promise<ImageRecord | undefined> {
    const item = this.items.get(imageId);
    return item === undefined ? undefined : structuredClone(item);
  }

  async writeStage(write: StageWrite): Promise<StageWriteResult> {
    const current = this.items.get(write.imageId);
    if (isStageCurrent(current, write.stage, write.value.sequencer)) return 'stale';
    this.items.set(
      write.imageId,
      structuredClone({
        ...(current ?? { imageId: write.imageId }),
        ...write.also,
        [write.stage]: write.value,
      }) as ImageRecord,
    );
    return 'written';
  }
}
