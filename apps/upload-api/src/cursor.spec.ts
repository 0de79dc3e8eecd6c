import { decodeCursor, encodeCursor } from './cursor';

const KEY = { imageId: 'ana/1.jpg', ownerId: 'ana', uploadedAt: '2026-11-27T10:00:00.000Z' };

describe('cursor', () => {
  it('given a page key, when encoded and decoded for its owner, then it is the same key', () => {
    const cursor = encodeCursor(KEY);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'ana')).toEqual(KEY);
  });

  it("given a cursor edited to start in another owner's images, then it is refused", () => {
    expect(decodeCursor(encodeCursor({ ...KEY, ownerId: 'bo' }), 'ana')).toBeUndefined();
    expect(decodeCursor(encodeCursor(KEY), 'bo')).toBeUndefined();
  });

  it.each([
    'not-base64-json',
    Buffer.from('{"imageId":1}').toString('base64url'),
    Buffer.from(JSON.stringify({ ...KEY, extra: 1 })).toString('base64url'),
  ])('given the garbage cursor %j, then it is refused', (cursor) => {
    expect(decodeCursor(cursor, 'ana')).toBeUndefined();
  });
});
