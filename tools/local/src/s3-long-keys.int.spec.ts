import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createS3Client, createSqsClient } from '@imgpipe/aws';
import { parseImageEvents } from '@imgpipe/event-schemas';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack } from '@imgpipe/testing';
import { LONG_SEGMENT_KEY, MAX_KEY, THOUSAND_BYTE_KEY } from './testing/long-keys';

jest.setTimeout(120_000);

const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');
const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');
const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

async function bytesAt(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
}

async function allKeys(s3: S3Client, bucket: string, prefix: string, pageSize: number) {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        MaxKeys: pageSize,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

describe('S3 keys of any length up to 1,024 bytes on the local stack', () => {
  let local: LocalStack;
  let s3: S3Client;
  let bucket: string;

  beforeAll(async () => {
    local = await startLocalStack({ services: [] });
    s3 = createS3Client(awsConfigFromStack(local.stack));
    bucket = local.stack.buckets.processed;
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('has keys of the sizes the tests are about', () => {
    expect(bytesOf(THOUSAND_BYTE_KEY)).toBe(1000);
    expect(bytesOf(LONG_SEGMENT_KEY.split('/')[1] ?? '')).toBe(300);
    expect(bytesOf(MAX_KEY)).toBe(1024);
  });

  it.each([
    ['a 1,000-byte key', THOUSAND_BYTE_KEY],
    ['a key with a 300-byte segment', LONG_SEGMENT_KEY],
    ['a 1,024-byte key', MAX_KEY],
  ])(
    'given %s, when it is put, then HEAD and GET give its exact bytes and DELETE removes it',
    async (_, key) => {
      const body = Buffer.from(`bytes of ${key}`);

      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const got = await bytesAt(s3, bucket, key);
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

      expect(head.ContentLength).toBe(body.length);
      expect(head.ETag).toBe(`"${md5(body)}"`);
      expect(got.equals(body)).toBe(true);
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    },
  );

  it('given long and ordinary keys, then ListObjectsV2 returns each exactly, in UTF-8 byte order, page by page, and by delimiter', async () => {
    const keys = [
      THOUSAND_BYTE_KEY,
      LONG_SEGMENT_KEY,
      MAX_KEY,
      'long/a.jpg',
      'long/\u{1F600}',
      'long/\uFF5E',
    ];
    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(key) }));
    const inByteOrder = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

    const listed = await allKeys(s3, bucket, 'long/', 1000);
    const paged = await allKeys(s3, bucket, 'long/', 2);
    const byFolder = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'long/', Delimiter: '/' }),
    );
    const underLongSegment = await allKeys(s3, bucket, LONG_SEGMENT_KEY.slice(0, 200), 1000);

    expect(listed).toEqual(inByteOrder);
    expect(paged).toEqual(inByteOrder);
    expect(byFolder.Contents?.map((object) => object.Key)).toEqual(
      inByteOrder.filter((key) => !key.slice('long/'.length).includes('/')),
    );
    expect(byFolder.CommonPrefixes?.map((common) => common.Prefix)).toEqual(
      [THOUSAND_BYTE_KEY, LONG_SEGMENT_KEY]
        .map((key) => key.slice(0, key.indexOf('/', 'long/'.length) + 1))
        .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    expect(underLongSegment).toEqual([LONG_SEGMENT_KEY]);
  });

  it('given keys put, then ordinary keys keep s3rver’s readable files and a long segment is stored under the key’s hash', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: LONG_SEGMENT_KEY, Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: THOUSAND_BYTE_KEY, Body: 'y' }));
    const folder = join(local.stack.dataDir, 's3', bucket);
    const hashed = join(folder, 'long', `@long-key-${sha256(LONG_SEGMENT_KEY)}`);

    expect(readFileSync(join(folder, `${THOUSAND_BYTE_KEY}._S3rver_object`), 'utf8')).toBe('y');
    expect(readFileSync(`${hashed}._S3rver_object`, 'utf8')).toBe('x');
    expect(readFileSync(`${hashed}._S3rver_key`, 'utf8')).toBe(LONG_SEGMENT_KEY);
  });

  it('given a long key, when it is copied (source URL-encoded) to another long key, then the copy has the same bytes', async () => {
    const body = Buffer.from('copied across long keys');
    const target = `${LONG_SEGMENT_KEY}/copy + 1.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: LONG_SEGMENT_KEY, Body: body }));

    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: target,
        CopySource: `${bucket}/${encodeURIComponent(LONG_SEGMENT_KEY)}`,
      }),
    );

    expect((await bytesAt(s3, bucket, target)).equals(body)).toBe(true);
  });

  it('given a long key, when it is uploaded in parts, then GET gives the parts’ bytes in order', async () => {
    const parts = [Buffer.alloc(5 * 1024 * 1024, 1), Buffer.from('tail')];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: MAX_KEY }),
    );
    const etags = [];
    for (const [index, part] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: MAX_KEY,
          UploadId,
          PartNumber: index + 1,
          Body: part,
        }),
      );
      etags.push({ PartNumber: index + 1, ETag });
    }

    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: MAX_KEY,
        UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );

    expect((await bytesAt(s3, bucket, MAX_KEY)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('given keys s3rver could not store apart or route (a folder named like an object’s file, an empty segment), then each keeps its own bytes', async () => {
    const keys = ['clash/k._S3rver_object/z.jpg', 'clash/k', 'clash/a//b', 'clash/a/b'];

    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(key) }));
    const bodies = await Promise.all(keys.map((key) => bytesAt(s3, bucket, key)));

    expect(bodies.map((body) => body.toString())).toEqual(keys);
    expect(await allKeys(s3, bucket, 'clash/', 1000)).toEqual([...keys].sort());
  });

  it('given a key over 1,024 bytes, when it is put, then S3’s KeyTooLongError answers and nothing is stored', async () => {
    const key = `${MAX_KEY}z`;

    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' })),
    ).rejects.toMatchObject({ name: 'KeyTooLongError', $metadata: { httpStatusCode: 400 } });
    expect(await allKeys(s3, bucket, key, 1000)).toEqual([]);
  });

  it('given a long key put to the source bucket, then its notification carries the real key', async () => {
    const sqs = createSqsClient(awsConfigFromStack(local.stack));
    await s3.send(
      new PutObjectCommand({
        Bucket: local.stack.buckets.source,
        Key: LONG_SEGMENT_KEY,
        Body: 'z',
      }),
    );

    const keys = await waitFor(
      async () => {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: local.stack.queues.metadata.url,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
          }),
        );
        const got = (Messages ?? []).flatMap((message) =>
          parseImageEvents(message.Body ?? '').map((event) => event.key),
        );
        return got.length > 0 ? got : undefined;
      },
      { timeoutMs: 30_000, what: 'a notification' },
    );

    expect(keys).toEqual([LONG_SEGMENT_KEY]);
  });
});
