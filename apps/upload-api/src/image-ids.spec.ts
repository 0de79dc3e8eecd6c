import { imageIdOf, keyOfImageId } from './image-ids';

describe('image ids', () => {
  it.each(['ana/0b6e.jpg', 'Ana María/a+b %2F/ç.png', 'x/'.repeat(300)])(
    'given the key %j, when made an id and back, then the key is unchanged and the id is one path segment',
    (key) => {
      const id = imageIdOf(key);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(keyOfImageId(id)).toBe(key);
    },
  );

  it.each(['', 'a/b', 'YW5h=', 'abc%2F', 'YW5hLzEuanBn!'])(
    'given %j, then it is no image id',
    (id) => {
      expect(keyOfImageId(id)).toBeUndefined();
    },
  );
});
