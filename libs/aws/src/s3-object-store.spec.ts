import { Readable } from 'node:stream';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { ObjectNotFoundError } from './object-store';
import { S3ObjectStore } from './s3-object-store';

/** A GET body as the SDK hands it out on node: a Readable with the SDK's transform methods. */
function streamedBody(bytes: Buffer) {
  let pulls = 0;
  const stream = new Readable({
    read() {
      pulls += 1;
      this.push(bytes);
      this.push(null);
    },
  });
  const body = Object.assign(stream, {
    transformToByteArray: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  }) as unknown as NonNullable<GetObjectCommandOutput['Body']>;
  return { body, stream, pulls: () => pulls };
}

describe('S3ObjectStore.open', () => {
  const s3 = mockClient(S3Client);
  const store = new S3ObjectStore(new S3Client({ region: 'us-east-1' }));
  beforeEach(() => s3.reset());

  it('given an object, when opened, then one GET (no HEAD) gives its facts from the response headers', async () => {
    const { body } = streamedBody(Buffer.from('jpeg'));
    s3.on(GetObjectCommand).resolves({
      Body: body,
      ContentLength: 4,
      ETag: '"abc"',
      ContentType: 'image/jpeg',
      LastModified: new Date('2026-01-02T03:04:05.000Z'),
      Metadata: { owner: 'ana' },
    });

    const opened = await store.open('b', 'a b.jpg');

    expect(opened?.head).toEqual({
      size: 4,
      eTag: 'abc',
      contentType: 'image/jpeg',
      lastModified: new Date('2026-01-02T03:04:05.000Z'),
      metadata: { owner: 'ana' },
    });
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'b', Key: 'a b.jpg' },
    ]);
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0);
    opened?.discard();
  });

  it("given an opened object over the caller's byte limit, when discarded, then its body stream is destroyed without a byte read", async () => {
    const { body, stream, pulls } = streamedBody(Buffer.alloc(1024));
    s3.on(GetObjectCommand).resolves({ Body: body, ContentLength: 60_000_000 });

    const opened = await store.open('b', 'huge.jpg');
    opened?.discard();

    expect(opened?.head.size).toBe(60_000_000);
    expect([stream.destroyed, pulls()]).toEqual([true, 0]);
    await expect(opened?.read()).rejects.toThrow('body of s3://b/huge.jpg is already discarded');
  });

  it('given an opened object within the limit, when read, then its bytes come back and a later discard changes nothing', async () => {
    const bytes = Buffer.from('the whole image');
    const { body, pulls } = streamedBody(bytes);
    s3.on(GetObjectCommand).resolves({ Body: body, ContentLength: bytes.length });

    const opened = await store.open('b', 'a.jpg');
    const read = await opened?.read();
    opened?.discard();

    expect(read?.equals(bytes)).toBe(true);
    expect(pulls()).toBeGreaterThan(0);
    await expect(opened?.read()).rejects.toThrow('is already read');
  });

  it('given GET answers NoSuchKey, when opened, then open returns undefined', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'no such key', $metadata: { httpStatusCode: 404 } }),
    );

    await expect(store.open('b', 'gone.jpg')).resolves.toBeUndefined();
  });
});

describe('S3ObjectStore error paths', () => {
  const s3 = mockClient(S3Client);
  const store = new S3ObjectStore(new S3Client({ region: 'us-east-1' }));
  beforeEach(() => s3.reset());

  it('given HEAD answers 404, then head returns undefined', async () => {
    s3.on(HeadObjectCommand).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }),
    );

    await expect(store.head('b', 'gone.jpg')).resolves.toBeUndefined();
  });

  it('given GET answers NoSuchKey, then a permanent ObjectNotFoundError names the object', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'no such key', $metadata: { httpStatusCode: 404 } }),
    );

    const error = await store.get('b', 'a b.jpg').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ObjectNotFoundError);
    expect(error).toMatchObject({
      permanent: true,
      code: 'source-missing',
      message: 'source object s3://b/a b.jpg no longer exists',
    });
  });

  it.each(['open', 'get'] as const)(
    'given S3 is throttling, when %s is called, then the error propagates unchanged for a retry',
    async (method) => {
      const slowDown = new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        message: 'Please reduce your request rate.',
        $metadata: { httpStatusCode: 503 },
      });
      s3.on(GetObjectCommand).rejects(slowDown);

      await expect(store[method]('b', 'k')).rejects.toBe(slowDown);
    },
  );

  it('given a quoted ETag, then head returns it without quotes', async () => {
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 7,
      ETag: '"abc"',
      ContentType: 'image/png',
      Metadata: { owner: 'ana' },
    });

    await expect(store.head('b', 'k')).resolves.toMatchObject({
      size: 7,
      eTag: 'abc',
      contentType: 'image/png',
      metadata: { owner: 'ana' },
    });
  });

  it('given an object is deleted, then one DeleteObject names its bucket and key', async () => {
    s3.on(DeleteObjectCommand).resolves({});

    await store.delete('processed', 'resized/a b.jpg/320w.webp');

    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'processed', Key: 'resized/a b.jpg/320w.webp' },
    ]);
  });

  it('given the delete is denied, then the error propagates for a retry', async () => {
    const denied = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      message: 'Access Denied',
      $metadata: { httpStatusCode: 403 },
    });
    s3.on(DeleteObjectCommand).rejects(denied);

    await expect(store.delete('processed', 'k')).rejects.toBe(denied);
  });
});
