/** Who is calling, or why nobody usable is. */
export type Caller =
  | { readonly ok: true; readonly owner: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

// The owner is the first segment of every key the API hands out (DESIGN.md §3: the key's
// first folder names its owner), so a subject with a slash or a control character cannot be one.
const OWNER_PATTERN = /^[^/\p{Cc}]{1,128}$/u;

/**
 * The caller's owner id: the JWT `sub` the authorizer validated (API Gateway on AWS, the
 * development identity locally); never anything from the request body or query.
 *
 * @example
 * callerOf(event); // { ok: true, owner: '6f1c…' }
 */
export function callerOf(event: { readonly requestContext: object }): Caller {
  const sub = (
    event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }
  ).authorizer?.jwt?.claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') {
    return { ok: false, status: 401, message: 'a bearer token with a subject is required' };
  }
  if (!OWNER_PATTERN.test(sub)) {
    return {
      ok: false,
      status: 403,
      message: 'the token subject cannot name an owner (1-128 characters, no "/")',
    };
  }
  return { ok: true, owner: sub };
}
