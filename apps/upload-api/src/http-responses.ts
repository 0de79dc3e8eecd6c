/** Error codes the API answers with, each with its HTTP status. */
export const ERROR_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'too-large': 413,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An HTTP API v2 (payload format 2.0) result. */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * A JSON response.
 *
 * @example
 * json(200, { images: [] });
 */
export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * A JSON error: `{ "error": { "code", "message" } }` with the code's status.
 *
 * @example
 * errorResult('not-found', 'no image with that id'); // statusCode 404
 */
export function errorResult(code: ErrorCode, message: string): HttpResult {
  return json(ERROR_STATUS[code], { error: { code, message } });
}

/**
 * The CORS headers for a request from `origin`: the origin itself when it is allowed (or
 * any origin when `*` is configured), nothing otherwise, so the browser refuses the answer.
 *
 * @example
 * corsHeaders('http://127.0.0.1:4569', ['http://127.0.0.1:4569']);
 * // { 'access-control-allow-origin': 'http://127.0.0.1:4569', vary: 'Origin', … }
 */
export function corsHeaders(
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> {
  if (origin === undefined) return {};
  const any = allowed.includes('*');
  if (!any && !allowed.includes(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': any ? '*' : origin,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
