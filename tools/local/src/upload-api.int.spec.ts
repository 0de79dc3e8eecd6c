import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { awsConfigFromStack, createS3Client } from '@imgpipe/aws';
import type { LocalStack } from '@imgpipe/testing';
import { jpeg, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import sharp from 'sharp';
import { devToken } from './http/dev-identity';

// The upload API as a browser or script uses it, through the local stack: presigned POSTs
// the local S3 holds to their policy, and records read back over HTTP.
const MAX_BYTES = 300_000;
const EXPIRES_SECONDS = 10;

interface Upload {
  readonly id: string;
  readonly imageId: string;
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
}

interface ImageView {
  readonly status: string;
  readonly record: {
    readonly ownerId?: string;
    readonly source?: { readonly contentType: string };
  };
  readonly outputs: ReadonlyArray<{
    readonly stage: string;
    readonly url: string;
    readonly width: number;
    readonly height: number;
    readonly format: string;
  }>;
}

describe('the upload API through the local stack', () => {
  let local: LocalStack;
  let api: string;

  beforeAll(async () => {
    local = await startLocalStack({
      services: ['resize', 'watermark', 'metadata'],
      env: { MAX_INPUT_BYTES: String(MAX_BYTES), UPLOAD_EXPIRES_SECONDS: String(EXPIRES_SECONDS) },
    });
    api = local.stack.uploadApi ?? '';
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  const as = (owner: string) => ({ authorization: `Bearer ${devToken(owner)}` });

  async function presign(
    owner: string,
    files: ReadonlyArray<{ name: string; contentType: string }>,
  ): Promise<Upload[]> {
    const response = await fetch(`${api}/uploads`, {
      method: 'POST',
      headers: { ...as(owner), 'content-type': 'application/json' },
      body: JSON.stringify({ files }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { uploads: Upload[] }).uploads;
  }

  function post(upload: Upload, file: Buffer, change: Record<string, string> = {}) {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...upload.fields, ...change })) {
      form.append(name, value);
    }
    form.append('file', new Blob([file]), 'photo.jpg');
    return fetch(upload.url, { method: 'POST', body: form });
  }

  async function sourceKeys(prefix: string): Promise<string[]> {
    const s3 = createS3Client(awsConfigFromStack(local.stack));
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: local.stack.buckets.source, Prefix: prefix }),
    );
    return (listed.Contents ?? []).map((object) => object.Key ?? '');
  }

  it('given a presigned POST, when a JPEG is uploaded with it, then GET /images/{id} ends complete with outputs that download as images', async () => {
    const [upload] = await presign('ana', [{ name: 'Beach.JPG', contentType: 'image/jpeg' }]);
    if (upload === undefined) throw new Error('no upload handed out');

    const sent = await post(upload, await jpeg({ width: 640, height: 480 }));

    expect(sent.status).toBe(204);
    expect(upload.imageId).toMatch(/^ana\/[0-9a-f-]{36}\.jpg$/);
    const view = await waitFor(
      async () => {
        const response = await fetch(`${api}/images/${upload.id}`, { headers: as('ana') });
        const body = (await response.json()) as ImageView;
        return response.status === 200 && body.status === 'complete' ? body : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: `a complete record for ${upload.imageId}` },
    );
    expect(view.record).toMatchObject({ ownerId: 'ana', source: { contentType: 'image/jpeg' } });
    expect(new Set(view.outputs.map((output) => output.stage))).toEqual(
      new Set(['resize', 'watermark']),
    );
    for (const output of view.outputs) {
      const download = await fetch(output.url);
      expect(download.status).toBe(200);
      const meta = await sharp(Buffer.from(await download.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([
        output.format,
        output.width,
        output.height,
      ]);
    }

    const other = await fetch(`${api}/images/${upload.id}`, { headers: as('bo') });
    expect(other.status).toBe(404);
    const listed = await fetch(`${api}/images`, { headers: as('bo') });
    expect(await listed.json()).toEqual({ images: [] });
    const mine = (await (await fetch(`${api}/images`, { headers: as('ana') })).json()) as {
      images: Array<{ id: string }>;
    };
    expect(mine.images.map((image) => image.id)).toContain(upload.id);
  }, 120_000);

  it('given uploads outside the policy, then S3 refuses each with its error and nothing reaches the bucket', async () => {
    const uploads = await presign(
      'carla',
      Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.png`, contentType: 'image/png' })),
    );
    const [big, html, moved, widened] = uploads;
    if (widened === undefined || big === undefined || html === undefined || moved === undefined) {
      throw new Error('four uploads expected');
    }
    const small = Buffer.alloc(100, 1);
    const policy = JSON.parse(Buffer.from(widened.fields['Policy'] ?? '', 'base64').toString());
    policy.conditions = policy.conditions.map((condition: unknown) =>
      Array.isArray(condition) && condition[0] === 'content-length-range'
        ? ['content-length-range', 1, 10 ** 9]
        : condition,
    );

    const answers = await Promise.all([
      post(big, Buffer.alloc(MAX_BYTES + 1, 1)),
      post(html, small, { 'Content-Type': 'text/html' }),
      post(moved, small, { key: 'dave/f.png' }),
      post(widened, small, { Policy: Buffer.from(JSON.stringify(policy)).toString('base64') }),
    ]);
    const texts = await Promise.all(answers.map((answer) => answer.text()));

    expect(answers.map((answer) => answer.status)).toEqual([400, 403, 403, 403]);
    expect(texts[0]).toMatch(
      new RegExp(`<Code>EntityTooLarge</Code>.*<ProposedSize>${MAX_BYTES + 1}</ProposedSize>`),
    );
    expect(texts[1]).toContain(
      '<Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "image/png"]</Message>',
    );
    expect(texts[2]).toContain('Policy Condition failed: ["eq", "$key", ');
    expect(texts[3]).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(await sourceKeys('carla/')).toEqual([]);
    expect(await sourceKeys('dave/')).toEqual([]);

    const refused = await fetch(`${api}/uploads`, {
      method: 'POST',
      headers: { ...as('carla'), 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'page.html', contentType: 'text/html' }] }),
    });
    expect(refused.status).toBe(400);
  }, 60_000);

  it('given a presigned POST past its expiry, then S3 refuses it as expired and keeps nothing', async () => {
    const [upload] = await presign('erin', [{ name: 'late.png', contentType: 'image/png' }]);
    if (upload === undefined) throw new Error('no upload handed out');

    await waitFor(() => Date.now() > Date.parse(upload.expiresAt) + 1000, {
      timeoutMs: (EXPIRES_SECONDS + 5) * 1000,
      what: 'the policy to expire',
    });
    const answer = await post(upload, Buffer.alloc(100, 1));

    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain(
      '<Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message>',
    );
    expect(await sourceKeys('erin/')).toEqual([]);
  }, 60_000);
});
