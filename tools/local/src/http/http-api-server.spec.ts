import type { AddressInfo } from 'node:net';
import { createHttpApiServer } from './http-api-server';
import type { HttpHandler } from './http-api-server';
import { StageThrottle } from './stage-throttle';

// A real server on loopback with a stopped clock, so the throttle's bucket never refills.
describe('createHttpApiServer', () => {
  const invoked: string[] = [];
  const handler: HttpHandler = async (event) => {
    invoked.push(event.routeKey);
    return { statusCode: 200, body: 'ok' };
  };
  const server = createHttpApiServer({
    routes: ['GET /images'],
    throttle: new StageThrottle({ rateLimit: 50, burstLimit: 100 }, () => 0),
    handler: () => handler,
    onError: (line) => {
      throw new Error(line);
    },
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('given 105 requests beyond a burst of 100, then 100 reach the handler and 5 get API Gateway’s 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 105 }, async () => {
        const response = await fetch(`${base}/images`);
        return `${response.status} ${await response.text()}`;
      }),
    );

    const counts = new Map<string, number>();
    for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      '200 ok': 100,
      '429 {"message":"Too Many Requests"}': 5,
    });
    expect(invoked).toHaveLength(100);

    const unrouted = await fetch(`${base}/nowhere`);
    expect(unrouted.status).toBe(404);
  });
});
