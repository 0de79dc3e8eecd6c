import { apiEvent } from './api-event';
import { devIdentity, devToken, LOCAL_OWNER } from './dev-identity';
import { matchRoute } from './route-match';

const ROUTES = ['POST /uploads', 'GET /images', 'GET /images/{id}'];

describe('matchRoute', () => {
  it('given paths of each route, then the route key and its decoded parameters are found', () => {
    expect(matchRoute(ROUTES, 'POST', '/uploads')).toEqual({
      routeKey: 'POST /uploads',
      pathParameters: undefined,
    });
    expect(matchRoute(ROUTES, 'GET', '/images/a%2Fb')).toEqual({
      routeKey: 'GET /images/{id}',
      pathParameters: { id: 'a/b' },
    });
  });

  it.each([
    ['GET', '/uploads'],
    ['GET', '/images/a/b'],
    ['GET', '/images/'],
    ['DELETE', '/images/x'],
    ['GET', '/images/%E0'],
  ])('given %s %s, then no route matches (API Gateway answers 404)', (method, path) => {
    expect(matchRoute(ROUTES, method, path)).toBeUndefined();
  });
});

describe('devIdentity', () => {
  it('given no token, then the caller is the local owner', () => {
    expect(devIdentity(undefined)).toEqual({ ok: true, claims: { sub: LOCAL_OWNER } });
  });

  it('given an unsigned token, then its subject is the caller', () => {
    expect(devIdentity(`Bearer ${devToken('ana')}`)).toEqual({ ok: true, claims: { sub: 'ana' } });
  });

  it.each([
    'Basic dXNlcjpwdw==',
    'Bearer nonsense',
    `Bearer a.${Buffer.from('[1]').toString('base64url')}.`,
  ])('given %j, then the request is unauthorized', (header) => {
    expect(devIdentity(header)).toEqual({ ok: false });
  });
});

describe('apiEvent', () => {
  const request = {
    method: 'GET',
    url: '/images/YW5h?limit=5&tag=a&tag=b',
    headers: { host: '127.0.0.1:4569', 'x-many': ['1', '2'], 'user-agent': 'test' },
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    requestId: 'req-1',
    now: new Date('2026-11-27T10:00:00.000Z'),
  };

  it('given a request, then the event has the payload 2.0 shape with claims, route and parameters', () => {
    const event = apiEvent(
      request,
      { routeKey: 'GET /images/{id}', pathParameters: { id: 'YW5h' } },
      { sub: 'ana' },
    );

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /images/{id}',
      rawPath: '/images/YW5h',
      rawQueryString: 'limit=5&tag=a&tag=b',
      queryStringParameters: { limit: '5', tag: 'a,b' },
      pathParameters: { id: 'YW5h' },
      headers: { 'x-many': '1,2' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/images/YW5h', sourceIp: '127.0.0.1', userAgent: 'test' },
        requestId: 'req-1',
        stage: '$default',
        timeEpoch: Date.parse('2026-11-27T10:00:00.000Z'),
        authorizer: { jwt: { claims: { sub: 'ana' }, scopes: [] } },
      },
    });
    expect(event.body).toBeUndefined();
  });

  it('given a JSON body and a binary one, then text stays text and bytes are base64', () => {
    const json = apiEvent(
      { ...request, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a":1}') },
      { routeKey: 'POST /uploads', pathParameters: undefined },
      undefined,
    );
    const binary = apiEvent(
      { ...request, headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 255]) },
      { routeKey: 'POST /uploads', pathParameters: undefined },
      undefined,
    );

    expect([json.body, json.isBase64Encoded]).toEqual(['{"a":1}', false]);
    expect([binary.body, binary.isBase64Encoded]).toEqual(['AP8=', true]);
  });
});
