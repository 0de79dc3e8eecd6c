/** Who is calling, or why nobody usable is. */
export type Caller =
  | { readonly ok: true; readonly owner: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

// The owner is the first segment of every key the API hands out (DESIGN.md §3: the key's
// first folder names its owner), so a subject with a slash or a control character cannot be one.
const OWNER_PATTERN = /^[^/\p{Cc}]{1,128}$/u;

interface AuthorizerContext {
  readonly authorizer?: {
    readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> };
    /** IAM authorization: the SigV4 signer, as API Gateway verified it. */
    readonly iam?: { readonly userId?: unknown };
  };
}

/**
 * The caller's owner id, from what the authorizer validated and never from the request
 * body or query: the JWT `sub` (API Gateway's JWT authorizer on AWS, the development
 * identity locally), or with IAM authorization the signer's unique id (`userId`: `AIDA…`
 * for a user, `AROA…:<session>` for a role session), which is stable where an ARN is not.
 *
 * @example
 * callerOf(event); // { ok: true, owner: '6f1c…' }
 */
export function callerOf(event: { readonly requestContext: object }): Caller {
  const { authorizer } = event.requestContext as AuthorizerContext;
  const sub = authorizer?.jwt?.claims?.['sub'] ?? authorizer?.iam?.userId;
  if (typeof sub !== 'string' || sub === '') {
    return {
      ok: false,
      status: 401,
      message: 'a bearer token with a subject (or an IAM-signed request) is required',
    };
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
