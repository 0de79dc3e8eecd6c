import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { LocalPrincipal } from './local-principals';
import { PolicyCheck } from './policy-check';
import { formHead } from './s3-post-form';
import { verifyPostForm } from './s3-post-policy';
import { s3ErrorXml } from './s3-post-policy-errors';
import { isPostUpload, readPostUpload } from './s3-post-upload';

const SIGNER: LocalPrincipal = {
  name: 'operator',
  accessKeyId: 'LOCAL-SIGNER',
  secretAccessKey: 'signer-secret',
  roleArn: 'arn:aws:iam::000000000000:role/signer',
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Put', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::src/*/*'] },
    ],
  },
};
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:1',
  forcePathStyle: true,
  credentials: { accessKeyId: SIGNER.accessKeyId, secretAccessKey: SIGNER.secretAccessKey },
});

async function presign(key = 'ana/u.png', max = 100) {
  return createPresignedPost(s3, {
    Bucket: 'src',
    Key: key,
    Fields: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'ana' },
    Conditions: [['content-length-range', 1, max]],
    Expires: 60,
  });
}

/** A real multipart body, as a browser's FormData makes it. */
async function form(fields: Record<string, string>, file: Buffer) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  data.append('file', new Blob([file]), 'photo.png');
  const response = new Response(data);
  return {
    body: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? '',
  };
}

const fieldsOf = async (fields: Record<string, string>) => {
  const { body, contentType } = await form(fields, Buffer.from('x'));
  const head = formHead(body, contentType.split('boundary=')[1] ?? '');
  if (typeof head === 'string') throw new Error(head);
  return head.fields;
};
const secretOf = (id: string) => (id === SIGNER.accessKeyId ? SIGNER.secretAccessKey : undefined);

describe('verifyPostForm', () => {
  it('given a presigned form as sent, then it is verified with its key and size range', async () => {
    const post = await presign();
    const verdict = verifyPostForm(
      await fieldsOf(post.fields),
      'src',
      'photo.png',
      new Date(),
      secretOf,
    );
    expect(verdict).toEqual({
      ok: true,
      post: { key: 'ana/u.png', accessKeyId: 'LOCAL-SIGNER', minBytes: 1, maxBytes: 100 },
    });
  });

  it('given the policy has expired, then it is refused as S3 words it', async () => {
    const post = await presign();
    const later = new Date(Date.now() + 61_000);
    expect(verifyPostForm(await fieldsOf(post.fields), 'src', 'p', later, secretOf)).toEqual({
      ok: false,
      error: {
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy expired.',
      },
    });
  });

  it('given a field changed, a field added or another bucket, then the failed condition is named', async () => {
    const post = await presign();
    const check = async (fields: Record<string, string>, bucket = 'src') => {
      const verdict = verifyPostForm(await fieldsOf(fields), bucket, 'p', new Date(), secretOf);
      return verdict.ok ? 'ok' : verdict.error.message;
    };

    expect(await check({ ...post.fields, 'Content-Type': 'text/html' })).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "image/png"]',
    );
    expect(await check({ ...post.fields, key: 'bo/u.png' })).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "ana/u.png"]',
    );
    expect(await check({ ...post.fields, 'x-amz-meta-owner': 'bo' })).toMatch(/\$x-amz-meta-owner/);
    expect(await check({ ...post.fields, 'x-amz-meta-extra': '1' })).toBe(
      'Invalid according to Policy: Extra input fields: x-amz-meta-extra',
    );
    expect(await check(post.fields, 'other')).toMatch(/\["eq", "\$bucket", "src"\]/);
  });

  it('given the policy edited or signed by an unknown key, then the signature is refused', async () => {
    const post = await presign();
    const policy = JSON.parse(Buffer.from(String(post.fields['Policy']), 'base64').toString());
    const widened = Buffer.from(
      JSON.stringify({
        ...policy,
        conditions: [...policy.conditions.slice(1), ['content-length-range', 1, 1e9]],
      }),
    ).toString('base64');
    const tampered = await fieldsOf({ ...post.fields, Policy: widened });
    const stranger = await fieldsOf({
      ...post.fields,
      'X-Amz-Credential': String(post.fields['X-Amz-Credential']).replace('LOCAL-SIGNER', 'NOBODY'),
    });

    expect(verifyPostForm(tampered, 'src', 'p', new Date(), secretOf)).toMatchObject({
      ok: false,
      error: { status: 403, code: 'SignatureDoesNotMatch' },
    });
    expect(verifyPostForm(stranger, 'src', 'p', new Date(), secretOf)).toMatchObject({
      ok: false,
      error: { code: 'InvalidAccessKeyId' },
    });
  });
});

describe('readPostUpload', () => {
  const deps = {
    principalOf: (id: string) => (id === SIGNER.accessKeyId ? SIGNER : undefined),
    policy: new PolicyCheck(),
    now: () => new Date(),
  };
  const request = (body: Buffer, contentType: string) =>
    Object.assign(Readable.from([body.subarray(0, 200), body.subarray(200)]), {
      headers: { 'content-type': contentType },
    }) as unknown as IncomingMessage;

  it('given a file within the range, then the whole body is kept to forward', async () => {
    const post = await presign();
    const { body, contentType } = await form(post.fields, Buffer.alloc(100, 7));

    const outcome = await readPostUpload(request(body, contentType), 'src', deps);

    expect(outcome).toEqual({ ok: true, body, key: 'ana/u.png' });
    expect(isPostUpload('POST', '/src', { 'content-type': contentType })).toBe(true);
    expect(isPostUpload('POST', '/src/k?uploads', { 'content-type': contentType })).toBe(false);
  });

  it('given a file one byte over the range, then it is EntityTooLarge with its size', async () => {
    const post = await presign();
    const { body, contentType } = await form(post.fields, Buffer.alloc(101, 7));

    const outcome = await readPostUpload(request(body, contentType), 'src', deps);

    expect(outcome).toMatchObject({
      ok: false,
      error: {
        status: 400,
        code: 'EntityTooLarge',
        details: { ProposedSize: '101', MaxSizeAllowed: '100' },
      },
    });
    if (!outcome.ok)
      expect(s3ErrorXml(outcome.error, 'r')).toContain('<Code>EntityTooLarge</Code>');
  });

  it('given a key the signer may not put, then the upload is AccessDenied by IAM', async () => {
    const post = await presign('root.png');
    const { body, contentType } = await form(post.fields, Buffer.alloc(5));

    const outcome = await readPostUpload(request(body, contentType), 'src', deps);

    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'AccessDenied',
        message: expect.stringMatching(
          /not authorized to perform: s3:PutObject on resource: arn:aws:s3:::src\/root.png/,
        ),
      },
    });
  });

  it('given an empty file or a form without one, then S3 refuses it', async () => {
    const post = await presign();
    const empty = await form(post.fields, Buffer.alloc(0));
    const data = new FormData();
    data.append('key', 'ana/u.png');
    const response = new Response(data);
    const noFile = Buffer.from(await response.arrayBuffer());

    const outcomes = await Promise.all([
      readPostUpload(request(empty.body, empty.contentType), 'src', deps),
      readPostUpload(request(noFile, response.headers.get('content-type') ?? ''), 'src', deps),
    ]);

    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual([
      'EntityTooSmall',
      'InvalidArgument',
    ]);
  });
});
