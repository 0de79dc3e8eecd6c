import { maxConcurrentImagesFromEnv } from './max-concurrent-images';

describe('maxConcurrentImagesFromEnv', () => {
  it.each([{}, { MAX_CONCURRENT_IMAGES: '' }, { MAX_CONCURRENT_IMAGES: '  ' }])(
    'given %j, then the service default applies',
    (env) => {
      expect(maxConcurrentImagesFromEnv(env, 3)).toBe(3);
    },
  );

  it('given a whole number with spaces, then it is used', () => {
    expect(maxConcurrentImagesFromEnv({ MAX_CONCURRENT_IMAGES: ' 4 ' }, 1)).toBe(4);
  });

  it.each(['0', '11', '2.5', '-1', 'two', '1e1'])(
    'given MAX_CONCURRENT_IMAGES=%j, then the cold start fails naming the variable and the value',
    (value) => {
      expect(() => maxConcurrentImagesFromEnv({ MAX_CONCURRENT_IMAGES: value }, 1)).toThrow(
        `MAX_CONCURRENT_IMAGES must be a whole number from 1 to 10, got ${JSON.stringify(value)}`,
      );
    },
  );
});
