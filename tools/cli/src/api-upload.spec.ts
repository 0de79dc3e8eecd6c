import { uploadThroughApi } from './api-upload';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeFetch(...answers: Response[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: (async (url: string | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      const answer = answers.shift();
      if (answer === undefined) throw new Error('unexpected request');
      return answer;
    }) as typeof fetch,
  };
}

const presigned = () =>
  new Response(
    JSON.stringify({
      uploads: [
        {
          name: 'beach.jpg',
          id: 'YWxpY2UvMS5qcGc',
          imageId: 'alice/1.jpg',
          url: 'http://127.0.0.1:4568/imgpipe-source',
          fields: { key: 'alice/1.jpg', 'Content-Type': 'image/jpeg', Policy: 'p' },
        },
      ],
    }),
    { status: 201 },
  );

const file = { name: 'beach.jpg', contentType: 'image/jpeg', bytes: Buffer.from('jpeg bytes') };

describe('uploadThroughApi', () => {
  it('given the API and S3 accept, when uploading, then it asks with the file facts and the token, posts the fields then the file, and returns the key, id and ETag', async () => {
    const { fetch, calls } = fakeFetch(
      presigned(),
      new Response(null, { status: 204, headers: { etag: '"abc"' } }),
    );

    const uploaded = await uploadThroughApi(file, { url: 'http://api/', token: 't0k' }, fetch);

    expect(uploaded).toEqual({ key: 'alice/1.jpg', id: 'YWxpY2UvMS5qcGc', eTag: '"abc"' });
    expect(calls[0]?.url).toBe('http://api/uploads');
    expect(calls[0]?.init.headers).toMatchObject({ authorization: 'Bearer t0k' });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      files: [{ name: 'beach.jpg', contentType: 'image/jpeg', size: 10 }],
    });
    expect(calls[1]?.url).toBe('http://127.0.0.1:4568/imgpipe-source');
    const form = calls[1]?.init.body as FormData;
    expect([...form.keys()]).toEqual(['key', 'Content-Type', 'Policy', 'file']);
    const sent = form.get('file') as File;
    expect(Buffer.from(await sent.arrayBuffer()).toString()).toBe('jpeg bytes');
    expect(sent.type).toBe('image/jpeg');
  });

  it('given the API refuses, when uploading, then its code and message are the error and nothing is posted', async () => {
    const { fetch, calls } = fakeFetch(
      new Response(JSON.stringify({ error: { code: 'too-large', message: 'over the limit' } }), {
        status: 413,
      }),
    );

    await expect(uploadThroughApi(file, { url: 'http://api' }, fetch)).rejects.toThrow(
      'the upload API refused it: 413 too-large: over the limit',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.headers).not.toHaveProperty('authorization');
  });

  it('given API Gateway throttles twice, when uploading, then it waits longer each time, asks again and uploads', async () => {
    const throttled = () => new Response('{"message":"Too Many Requests"}', { status: 429 });
    const { fetch, calls } = fakeFetch(
      throttled(),
      throttled(),
      presigned(),
      new Response(null, { status: 204, headers: { etag: '"abc"' } }),
    );
    const waits: number[] = [];

    const uploaded = await uploadThroughApi(file, { url: 'http://api' }, fetch, async (ms) => {
      waits.push(ms);
    });

    expect(uploaded.key).toBe('alice/1.jpg');
    expect(calls.map((call) => call.url)).toEqual([
      'http://api/uploads',
      'http://api/uploads',
      'http://api/uploads',
      'http://127.0.0.1:4568/imgpipe-source',
    ]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(100);
    expect(waits[0]).toBeLessThanOrEqual(200);
    expect(waits[1]).toBeGreaterThanOrEqual(200);
    expect(waits[1]).toBeLessThanOrEqual(400);
  });

  it('given API Gateway throttles every try, when uploading, then it gives up after 5 tries with API Gateway’s message', async () => {
    const { fetch, calls } = fakeFetch(
      ...Array.from(
        { length: 5 },
        () => new Response('{"message":"Too Many Requests"}', { status: 429 }),
      ),
    );

    await expect(
      uploadThroughApi(file, { url: 'http://api' }, fetch, async () => undefined),
    ).rejects.toThrow('the upload API refused it: 429 Too Many Requests (after 5 tries)');
    expect(calls).toHaveLength(5);
  });

  it('given S3 refuses the form, when uploading, then S3 code and message are the error', async () => {
    const { fetch } = fakeFetch(
      presigned(),
      new Response(
        '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>',
        { status: 400 },
      ),
    );

    await expect(uploadThroughApi(file, { url: 'http://api' }, fetch)).rejects.toThrow(
      'S3 refused the upload: EntityTooLarge: Your proposed upload exceeds the maximum allowed size',
    );
  });
});
