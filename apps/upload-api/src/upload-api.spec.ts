import type { ImageRecord } from '@imgpipe/event-schemas';
import type { PageKey } from './cursor';
import { encodeCursor } from './cursor';
import { imageIdOf } from './image-ids';
import { handleRequest } from './upload-api';
import type { UploadApiPorts, UploadApiSettings } from './upload-api';

const SETTINGS: UploadApiSettings = {
  processedBucket: 'processed',
  maxBytes: 1000,
  uploadExpiresSeconds: 300,
  downloadExpiresSeconds: 900,
  defaultPageSize: 2,
  corsOrigins: ['http://page.test'],
};

const done = (outputs: string[]) => ({
  sequencer: '1',
  updatedAt: 't',
  status: 'done' as const,
  durationMs: 1,
  outputs: outputs.map((key) => ({ key, format: 'webp', width: 10, height: 8, bytes: 99 })),
});

function fakePorts(records: ImageRecord[]) {
  const presigned: Array<Parameters<UploadApiPorts['presignPost']>[0]> = [];
  const listed: Array<[string, number, PageKey | undefined]> = [];
  let names = 0;
  const ports: UploadApiPorts = {
    presignPost: async (request) => {
      presigned.push(request);
      return { url: 'http://s3.test/source', fields: { key: request.key, ...request.fields } };
    },
    presignGet: async (key, expires) => `http://s3.test/processed/${key}?expires=${expires}`,
    getRecord: async (imageId) => records.find((record) => record.imageId === imageId),
    listByOwner: async (owner, limit, startKey) => {
      listed.push([owner, limit, startKey]);
      const mine = records.filter((record) => record.ownerId === owner);
      return {
        records: mine.slice(0, limit),
        nextKey:
          mine.length > limit ? { imageId: 'x', ownerId: owner, uploadedAt: 't' } : undefined,
      };
    },
    newName: () => `name-${++names}`,
    now: () => new Date('2026-11-27T10:00:00.000Z'),
  };
  return { ports, presigned, listed };
}

function request(
  routeKey: string,
  options: {
    sub?: string;
    body?: unknown;
    id?: string;
    query?: Record<string, string>;
    origin?: string;
    method?: string;
  } = {},
) {
  const method = options.method ?? routeKey.split(' ')[0] ?? 'GET';
  return {
    routeKey,
    headers: options.origin === undefined ? {} : { origin: options.origin },
    ...(options.id === undefined ? {} : { pathParameters: { id: options.id } }),
    ...(options.query === undefined ? {} : { queryStringParameters: options.query }),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    isBase64Encoded: false,
    requestContext: {
      http: { method },
      requestId: 'r',
      ...(options.sub === undefined
        ? {}
        : { authorizer: { jwt: { claims: { sub: options.sub }, scopes: [] } } }),
    },
  } as never;
}

const bodyOf = (result: { body?: string | undefined }) => JSON.parse(String(result.body));

const ANA_IMAGE: ImageRecord = {
  imageId: 'ana/name-1.jpg',
  ownerId: 'ana',
  uploadedAt: '2026-11-27T10:00:01.000Z',
  resize: done(['resized/ana/name-1.jpg/320w.webp']),
  watermark: done(['watermarked/ana/name-1.jpg.jpg']),
};

describe('POST /uploads', () => {
  it('given image files, when asked, then each gets a presigned POST under the caller prefix with type, owner and size fixed', async () => {
    const { ports, presigned } = fakePorts([]);

    const result = await handleRequest(
      request('POST /uploads', {
        sub: 'ana',
        body: {
          files: [
            { name: 'Beach.JPG', contentType: 'image/jpeg' },
            { name: 'cat.png', contentType: 'image/png', size: 1000 },
          ],
        },
      }),
      ports,
      SETTINGS,
    );

    expect(result.statusCode).toBe(201);
    const body = bodyOf(result);
    expect(body.uploads.map((upload: { imageId: string }) => upload.imageId)).toEqual([
      'ana/name-1.jpg',
      'ana/name-2.png',
    ]);
    expect(body.uploads[0]).toMatchObject({
      name: 'Beach.JPG',
      id: imageIdOf('ana/name-1.jpg'),
      url: 'http://s3.test/source',
      expiresAt: '2026-11-27T10:05:00.000Z',
    });
    expect(presigned[1]).toEqual({
      key: 'ana/name-2.png',
      fields: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'ana' },
      conditions: [['content-length-range', 1, 1000]],
      expiresSeconds: 300,
    });
  });

  it('given a non-image type, a declared size over the limit or no token, then nothing is presigned', async () => {
    const { ports, presigned } = fakePorts([]);
    const ask = (files: unknown, sub?: string) =>
      handleRequest(
        request('POST /uploads', { body: { files }, ...(sub ? { sub } : {}) }),
        ports,
        SETTINGS,
      );

    const html = await ask([{ name: 'x.html', contentType: 'text/html' }], 'ana');
    const big = await ask([{ name: 'x.png', contentType: 'image/png', size: 1001 }], 'ana');
    const anonymous = await ask([{ name: 'x.png', contentType: 'image/png' }]);

    expect([html.statusCode, big.statusCode, anonymous.statusCode]).toEqual([400, 413, 401]);
    expect(bodyOf(html).error.message).toMatch(/contentType must be one of/);
    expect(bodyOf(big).error.message).toBe('over the 1000-byte limit: x.png');
    expect(presigned).toEqual([]);
  });
});

describe('GET /images/{id}', () => {
  it('given the caller’s image, then the record comes with a download URL per output', async () => {
    const { ports } = fakePorts([ANA_IMAGE]);

    const result = await handleRequest(
      request('GET /images/{id}', { sub: 'ana', id: imageIdOf(ANA_IMAGE.imageId) }),
      ports,
      SETTINGS,
    );

    expect(result.statusCode).toBe(200);
    const body = bodyOf(result);
    expect(body).toMatchObject({
      id: imageIdOf('ana/name-1.jpg'),
      status: 'pending',
      stages: { image: 'pending', resize: 'done', watermark: 'done' },
      processedBucket: 'processed',
      record: ANA_IMAGE,
    });
    expect(body.outputs.map((o: { stage: string; url: string }) => [o.stage, o.url])).toEqual([
      ['resize', 'http://s3.test/processed/resized/ana/name-1.jpg/320w.webp?expires=900'],
      ['watermark', 'http://s3.test/processed/watermarked/ana/name-1.jpg.jpg?expires=900'],
    ]);
  });

  it("given another owner's image, an unknown id or a malformed one, then each is the same 404", async () => {
    const { ports } = fakePorts([ANA_IMAGE, { imageId: 'ana/early.jpg' }]);
    const get = (id: string) =>
      handleRequest(request('GET /images/{id}', { sub: 'bo', id }), ports, SETTINGS);

    const results = await Promise.all([
      get(imageIdOf(ANA_IMAGE.imageId)),
      get(imageIdOf('ana/early.jpg')),
      get(imageIdOf('bo/none.jpg')),
      get('not base64!'),
    ]);

    expect(results.map((result) => result.statusCode)).toEqual([404, 404, 404, 404]);
    expect(new Set(results.map((result) => result.body)).size).toBe(1);
  });
});

describe('GET /images', () => {
  const records: ImageRecord[] = [
    { ...ANA_IMAGE },
    { imageId: 'ana/2.png', ownerId: 'ana' },
    { imageId: 'ana/3.png', ownerId: 'ana' },
    { imageId: 'bo/1.png', ownerId: 'bo' },
  ];

  it('given more images than a page, then a page comes with a cursor that continues for the caller only', async () => {
    const { ports, listed } = fakePorts(records);

    const first = await handleRequest(request('GET /images', { sub: 'ana' }), ports, SETTINGS);
    const cursor = bodyOf(first).cursor as string;
    await handleRequest(
      request('GET /images', { sub: 'ana', query: { cursor, limit: '1' } }),
      ports,
      SETTINGS,
    );
    const stolen = await handleRequest(
      request('GET /images', { sub: 'bo', query: { cursor } }),
      ports,
      SETTINGS,
    );

    expect(bodyOf(first).images.map((image: { imageId: string }) => image.imageId)).toEqual([
      'ana/name-1.jpg',
      'ana/2.png',
    ]);
    expect(listed).toEqual([
      ['ana', 2, undefined],
      ['ana', 1, { imageId: 'x', ownerId: 'ana', uploadedAt: 't' }],
    ]);
    expect(stolen.statusCode).toBe(400);
    expect(cursor).toBe(encodeCursor({ imageId: 'x', ownerId: 'ana', uploadedAt: 't' }));
  });

  it('given a bad limit, then 400 names it', async () => {
    const { ports } = fakePorts(records);
    const result = await handleRequest(
      request('GET /images', { sub: 'ana', query: { limit: 'lots' } }),
      ports,
      SETTINGS,
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.message).toBe('limit: limit must be a whole number');
  });
});

describe('routing and CORS', () => {
  it('given an allowed origin, then answers and preflights carry its CORS headers; others get none', async () => {
    const { ports } = fakePorts([]);

    const preflight = await handleRequest(
      request('OPTIONS /uploads', { origin: 'http://page.test', method: 'OPTIONS' }),
      ports,
      SETTINGS,
    );
    const denied = await handleRequest(
      request('GET /images', { sub: 'ana', origin: 'http://evil.test' }),
      ports,
      SETTINGS,
    );
    const unknown = await handleRequest(request('GET /nowhere', { sub: 'ana' }), ports, SETTINGS);

    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://page.test');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(unknown.statusCode).toBe(404);
  });
});
