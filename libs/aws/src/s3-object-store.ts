import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput, HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { ObjectHead, ObjectStore, OpenedObject, PutOptions } from './object-store';
import { ObjectNotFoundError } from './object-store';

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

function headOf(out: HeadObjectCommandOutput | GetObjectCommandOutput): ObjectHead {
  return {
    size: out.ContentLength ?? 0,
    eTag: (out.ETag ?? '').replace(/"/g, ''),
    contentType: out.ContentType ?? 'application/octet-stream',
    lastModified: out.LastModified ?? new Date(0),
    metadata: out.Metadata ?? {},
  };
}

type Body = NonNullable<GetObjectCommandOutput['Body']>;

async function bytesOf(body: Body | undefined): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const bytes = await body.transformToByteArray();
  // A view, not Buffer.from(bytes), which copies the whole object again (a handler
  // profile showed that copy, and the GC its extra megabytes cause, per image).
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stops an unread body: on node a Readable (its socket closes), elsewhere a web stream. */
function destroyBody(body: Body | undefined): void {
  if (!body) return;
  if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
  else if ('cancel' in body && typeof body.cancel === 'function')
    void body.cancel().catch(() => undefined);
}

/**
 * {@link ObjectStore} on S3 (or the local s3rver).
 *
 * @example
 * const store = new S3ObjectStore(createS3Client(config));
 * const source = await store.open('imgpipe-source', 'a.jpg');
 * if (source && source.head.size > maxBytes) source.discard(); // nothing downloaded
 * else if (source) bytes = await source.read();
 */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client) {}

  async head(bucket: string, key: string): Promise<ObjectHead | undefined> {
    try {
      return headOf(await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async open(bucket: string, key: string): Promise<OpenedObject | undefined> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    let state: 'unread' | 'read' | 'discarded' = 'unread';
    return {
      head: headOf(out),
      read: async () => {
        if (state !== 'unread')
          throw new Error(`body of s3://${bucket}/${key} is already ${state}`);
        state = 'read';
        return bytesOf(out.Body);
      },
      discard: () => {
        if (state !== 'unread') return;
        state = 'discarded';
        destroyBody(out.Body);
      },
    };
  }

  async get(bucket: string, key: string): Promise<Buffer> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await bytesOf(out.Body);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(bucket, key);
      throw error;
    }
  }

  async put(bucket: string, key: string, body: Buffer, options: PutOptions): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentLength: body.length,
        ContentType: options.contentType,
        ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
        ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
      }),
    );
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}
