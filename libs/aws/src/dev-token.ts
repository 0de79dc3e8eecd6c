/**
 * An unsigned development token (`alg: none`) for a subject. The local stack's upload API
 * takes the caller from its `sub` in place of API Gateway's JWT authorizer (loopback only);
 * tests, scripts and `imgpipe upload --api --owner` send it.
 *
 * @example
 * fetch(`${api}/images`, { headers: { authorization: `Bearer ${devToken('ana')}` } });
 */
export function devToken(sub: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub })}.`;
}
