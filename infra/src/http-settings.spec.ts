import { DEFAULT_HTTP_SETTINGS, readHttpSettings } from './http-settings';

const jwt = {
  type: 'jwt',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
  audience: ['client-id'],
};
const contextWith = (settings: unknown) => ({ prod: { 'upload-api': settings } });

describe('readHttpSettings', () => {
  it('given no settings for the stage or the service, then the closed default: IAM authorization and no origins', () => {
    expect(readHttpSettings(undefined, 'prod', 'upload-api')).toBe(DEFAULT_HTTP_SETTINGS);
    expect(readHttpSettings({ dev: {} }, 'prod', 'upload-api')).toEqual({
      auth: { type: 'iam' },
      corsOrigins: [],
    });
    expect(readHttpSettings(contextWith({ auth: jwt }), 'dev', 'upload-api').auth.type).toBe('iam');
  });

  it('given a JWT issuer, audience and origins, then they are read as written', () => {
    const settings = readHttpSettings(
      contextWith({ auth: jwt, corsOrigins: ['https://images.example.com', '*'] }),
      'prod',
      'upload-api',
    );

    expect(settings).toEqual({
      auth: jwt,
      corsOrigins: ['https://images.example.com', '*'],
    });
  });

  it('given IAM chosen explicitly, then no issuer is needed', () => {
    expect(readHttpSettings(contextWith({ auth: { type: 'iam' } }), 'prod', 'upload-api')).toEqual({
      auth: { type: 'iam' },
      corsOrigins: [],
    });
  });

  it.each([
    [
      'a plain-http issuer',
      { auth: { ...jwt, issuer: 'http://issuer.example.com' } },
      /auth\.issuer/,
    ],
    ['no audience', { auth: { ...jwt, audience: [] } }, /auth\.audience/],
    ['an unknown auth type', { auth: { type: 'none' } }, /auth\.type/],
    ['no auth at all', { corsOrigins: [] }, /auth/],
    [
      'an origin with a path',
      { auth: jwt, corsOrigins: ['https://a.example.com/app'] },
      /corsOrigins\.0/,
    ],
    ['a misspelt field', { auth: jwt, corsOrigin: ['https://a.example.com'] }, /corsOrigin/],
  ])(
    'given %s, then it is refused naming the stage, service and field',
    (_case, settings, field) => {
      expect(() => readHttpSettings(contextWith(settings), 'prod', 'upload-api')).toThrow(
        /^imgpipe:http-services\.prod\.upload-api in infra\/cdk\.json: /,
      );
      expect(() => readHttpSettings(contextWith(settings), 'prod', 'upload-api')).toThrow(field);
    },
  );
});
