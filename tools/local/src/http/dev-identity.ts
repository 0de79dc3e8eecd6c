/**
 * The local stack's development identity. On AWS API Gateway's JWT authorizer validates
 * the token and hands the function its claims; on 127.0.0.1 there is no issuer, so a
 * request with no token is the fixed local owner, and one with `Authorization: Bearer
 * <unsigned JWT>` is whoever its `sub` names. Loopback only: the server binds 127.0.0.1.
 */

export { devToken } from '@imgpipe/aws';

/** The owner of requests that carry no token. */
export const LOCAL_OWNER = 'local-user';

export type DevIdentity =
  | { readonly ok: true; readonly claims: Readonly<Record<string, string | number | boolean>> }
  | { readonly ok: false };

/**
 * The claims of a request's development identity; not ok for a malformed token, which API
 * Gateway would refuse with 401 too.
 *
 * @example
 * devIdentity(undefined); // { ok: true, claims: { sub: 'local-user' } }
 * devIdentity(`Bearer ${devToken('ana')}`); // { ok: true, claims: { sub: 'ana' } }
 */
export function devIdentity(authorization: string | undefined): DevIdentity {
  if (authorization === undefined || authorization.trim() === '') {
    return { ok: true, claims: { sub: LOCAL_OWNER } };
  }
  const token = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(
    authorization.trim(),
  );
  if (!token) return { ok: false };
  try {
    const claims = JSON.parse(Buffer.from(token[2] ?? '', 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
      return { ok: false };
    const scalar = Object.entries(claims).filter(
      (entry): entry is [string, string | number | boolean] =>
        ['string', 'number', 'boolean'].includes(typeof entry[1]),
    );
    return { ok: true, claims: Object.fromEntries(scalar) };
  } catch {
    return { ok: false };
  }
}
