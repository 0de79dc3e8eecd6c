import { corsHeaders, errorResult } from './http-responses';

describe('corsHeaders', () => {
  it('given an allowed origin, then it is echoed', () => {
    expect(corsHeaders('http://a.test', ['http://a.test'])).toMatchObject({
      'access-control-allow-origin': 'http://a.test',
      vary: 'Origin',
    });
  });

  it('given any origin allowed, then the answer says *', () => {
    expect(corsHeaders('http://b.test', ['*'])['access-control-allow-origin']).toBe('*');
  });

  it('given another origin, or none, then no origin is allowed', () => {
    expect(corsHeaders('http://evil.test', ['http://a.test'])).toEqual({ vary: 'Origin' });
    expect(corsHeaders(undefined, ['*'])).toEqual({});
  });
});

describe('errorResult', () => {
  it('given a code, then the status matches and the body is JSON', () => {
    const result = errorResult('not-found', 'no image with that id');
    expect(result.statusCode).toBe(404);
    expect(result.headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(result.body))).toEqual({
      error: { code: 'not-found', message: 'no image with that id' },
    });
  });
});
