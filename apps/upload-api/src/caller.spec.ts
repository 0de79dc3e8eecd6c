import { callerOf } from './caller';

const withClaims = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: { authorizer: claims && { jwt: { claims, scopes: [] } } } }) as never;

describe('callerOf', () => {
  it('given a validated token, when read, then its subject is the owner', () => {
    expect(callerOf(withClaims({ sub: '6f1c-ana', email: 'x@y' }))).toEqual({
      ok: true,
      owner: '6f1c-ana',
    });
  });

  it("given IAM authorization, when read, then the signer's unique id is the owner", () => {
    const signed = {
      requestContext: {
        authorizer: {
          iam: {
            userId: 'AROAEXAMPLE:ana-session',
            userArn: 'arn:aws:sts::123456789012:assumed-role/uploader/ana-session',
          },
        },
      },
    } as never;

    expect(callerOf(signed)).toEqual({ ok: true, owner: 'AROAEXAMPLE:ana-session' });
  });

  it('given no authorizer or no subject, then the caller is unauthorized', () => {
    expect(callerOf(withClaims(undefined))).toMatchObject({ ok: false, status: 401 });
    expect(callerOf(withClaims({ sub: '' }))).toMatchObject({ ok: false, status: 401 });
  });

  it.each(['a/b', 'tab\there', 'x'.repeat(129)])(
    'given the subject %j, then it cannot name an owner prefix and is forbidden',
    (sub) => {
      expect(callerOf(withClaims({ sub }))).toMatchObject({ ok: false, status: 403 });
    },
  );
});
