import { UPLOAD_SETTINGS } from '@imgpipe/registry';
import { jsonBody, listQuerySchema, parseInput, uploadRequestSchema } from './requests';

describe('request validation', () => {
  it('given image files, when parsed, then they are accepted', () => {
    expect(
      parseInput(uploadRequestSchema, {
        files: [{ name: 'a.jpg', contentType: 'image/jpeg', size: 10 }],
      }),
    ).toEqual({
      ok: true,
      value: { files: [{ name: 'a.jpg', contentType: 'image/jpeg', size: 10 }] },
    });
  });

  it('given a non-image type, an owner field and no name, then every problem is named', () => {
    const parsed = parseInput(uploadRequestSchema, {
      owner: 'mallory',
      files: [{ name: '', contentType: 'text/html' }],
    });
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.message;
    expect(message).toMatch(/Unrecognized key: "owner"/);
    expect(message).toMatch(/files\.0\.name/);
    expect(message).toMatch(/files\.0\.contentType: contentType must be one of image\/jpeg/);
  });

  it('given no files or too many, then the request is refused', () => {
    const file = { name: 'a.png', contentType: 'image/png' };
    expect(parseInput(uploadRequestSchema, { files: [] })).toMatchObject({ ok: false });
    expect(
      parseInput(uploadRequestSchema, {
        files: Array(UPLOAD_SETTINGS.maxFilesPerRequest + 1).fill(file),
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/at most/) });
  });

  it('given list queries, then limit is a bounded whole number', () => {
    expect(parseInput(listQuerySchema, { limit: '5', cursor: 'c' })).toEqual({
      ok: true,
      value: { limit: 5, cursor: 'c' },
    });
    expect(parseInput(listQuerySchema, { limit: '0' })).toMatchObject({ ok: false });
    expect(parseInput(listQuerySchema, { limit: '1e3' })).toMatchObject({ ok: false });
    expect(parseInput(listQuerySchema, { limit: '101' })).toMatchObject({ ok: false });
  });

  it('given bodies, then JSON is read, base64 included, and garbage refused', () => {
    expect(jsonBody({ body: '{"a":1}' })).toEqual({ ok: true, value: { a: 1 } });
    expect(
      jsonBody({ body: Buffer.from('[1]').toString('base64'), isBase64Encoded: true }),
    ).toEqual({
      ok: true,
      value: [1],
    });
    expect(jsonBody({ body: '{' })).toEqual({ ok: false, message: 'the body is not valid JSON' });
    expect(jsonBody({})).toEqual({ ok: false, message: 'a JSON body is required' });
  });
});
