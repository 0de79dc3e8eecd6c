import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { MatchedRoute } from './route-match';

/** What an HTTP API v2 event is made from. */
export interface ApiRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly requestId: string;
  readonly now: Date;
}

// API Gateway passes these bodies as text; anything else arrives base64-encoded.
const TEXT_BODY = /^(text\/|application\/(json|x-www-form-urlencoded|xml)|[^;]*\+json)/i;

/**
 * The event API Gateway's HTTP API (payload format 2.0) hands a function for a request:
 * headers lower-cased with repeats joined by commas, query parameters likewise, the matched
 * route and its path parameters, and the JWT authorizer's claims.
 *
 * @example
 * const event = apiEvent(request, matchRoute(routes, 'GET', '/images'), { sub: 'ana' });
 */
export function apiEvent(
  request: ApiRequest,
  route: MatchedRoute,
  claims: Readonly<Record<string, string | number | boolean>> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const question = request.url.indexOf('?');
  const rawPath = question < 0 ? request.url : request.url.slice(0, question);
  const rawQueryString = question < 0 ? '' : request.url.slice(question + 1);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const text = request.body.length === 0 || TEXT_BODY.test(headers['content-type'] ?? '');
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.pathParameters ? { pathParameters: { ...route.pathParameters } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: request.now.toISOString(),
      timeEpoch: request.now.getTime(),
      authorizer: claims === undefined ? undefined : { jwt: { claims: { ...claims }, scopes: [] } },
    },
    ...(request.body.length > 0 ? { body: request.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: !text,
  };
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}
