import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { apiEvent } from './api-event';
import { devIdentity } from './dev-identity';
import { matchRoute } from './route-match';
import type { StageThrottle } from './stage-throttle';

/** An HTTP service's Lambda entry point, as `apps/<project>/src/handler.ts` exports it. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the server needs. */
export interface HttpApiServerOptions {
  /** The service's route keys (the registry's). */
  readonly routes: readonly string[];
  /** The stage's throttling: a routed request it does not admit gets a 429. */
  readonly throttle: StageThrottle;
  /** The handler once loaded; until then requests get a 503. */
  readonly handler: () => HttpHandler | undefined;
  /** Answers a request no route matches (the upload page), or `false` to let it 404. */
  readonly otherwise?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** A line per request the server failed on; the request gets a 500. */
  readonly onError: (line: string) => void;
}

// API Gateway's own payload limit.
const MAX_BODY = 10 * 1024 * 1024;

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  }
  return size > MAX_BODY ? undefined : Buffer.concat(chunks);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * An HTTP server that plays API Gateway's HTTP API in front of one Lambda handler: it
 * matches routes, refuses what the stage's throttling refuses, applies the development identity in place of the JWT authorizer, turns
 * each request into a payload-2.0 event and the handler's result into the response. It
 * answers only loopback clients, since its identity is not authentication.
 *
 * @example
 * const throttle = new StageThrottle({ rateLimit: 50, burstLimit: 100 });
 * const server = createHttpApiServer({ routes, throttle, handler: () => loaded, onError: console.error });
 * server.listen(4569, '127.0.0.1');
 */
export function createHttpApiServer(options: HttpApiServerOptions): Server {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) return answer(res, 403, 'Forbidden');
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    // With CORS configured API Gateway answers preflights for any path; here the handler does.
    const route =
      method === 'OPTIONS'
        ? { routeKey: '$default', pathParameters: undefined }
        : matchRoute(options.routes, method, path);
    if (route === undefined) {
      req.resume();
      if (options.otherwise?.(req, res)) return;
      return answer(res, 404, 'Not Found');
    }
    if (!options.throttle.admit()) {
      req.resume();
      return answer(res, 429, 'Too Many Requests');
    }
    const identity = method === 'OPTIONS' ? undefined : devIdentity(req.headers.authorization);
    if (identity !== undefined && !identity.ok) {
      req.resume();
      return answer(res, 401, 'Unauthorized');
    }
    const body = await readBody(req);
    if (body === undefined) return answer(res, 413, 'Request Entity Too Large');
    const handler = options.handler();
    if (handler === undefined) return answer(res, 503, 'Service Unavailable');
    const event = apiEvent(
      {
        method,
        url,
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        requestId: randomUUID(),
        now: new Date(),
      },
      route,
      identity?.claims,
    );
    const result = await handler(event);
    const responseBody =
      result.body === undefined
        ? ''
        : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
    res.writeHead(result.statusCode ?? 200, {
      ...Object.fromEntries(
        Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
      ),
      'content-length': String(responseBody.length),
    });
    res.end(responseBody);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      options.onError(`api: ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) answer(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
