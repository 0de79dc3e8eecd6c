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

  it('given S3 is throttling, then the error propagates unchanged for a retry', async () => {
    const slowDown = new S3ServiceException({
      name: 'SlowDown',
      $fault: 'server',
      message: 'Please reduce your request rate.',
      $metadata: { httpStatusCode: 503 },
    });
    s3.on(GetObjectCommand).rejects(slowDown);

    await expect(store.get('b', 'k')).rejects.toBe(slowDown);
  });

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
