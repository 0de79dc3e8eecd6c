import { decodeS3Key, encodeS3Key } from './s3-key';

describe('S3 event keys', () => {
  // Keys as S3 writes them into event notifications, with the key a person uploaded.
  const cases: [encoded: string, decoded: string][] = [
    ['holiday+photos/beach+day.jpg', 'holiday photos/beach day.jpg'],
    ['caf%C3%A9/%E6%97%A5%E6%9C%AC.png', 'café/日本.png'],
    ['c%2B%2B+notes%2B.jpg', 'c++ notes+.jpg'],
    ['100%25+real.gif', '100% real.gif'],
    ['a/b/c.webp', 'a/b/c.webp'],
  ];

  it.each(cases)('given %s from an event, when decoded, then it is %s', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it.each(cases)('given the stored key, when encoded as S3 does, then %s comes back', (encoded, decoded) => {
    expect(encodeS3Key(decoded)).toBe(encoded);
  });

  it('given a malformed escape, when decoded, then it throws rather than guessing', () => {
    expect(() => decodeS3Key('bad%E0%A4%A.jpg')).toThrow(URIError);
  });
});
