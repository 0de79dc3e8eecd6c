import { checkByteSize, DEFAULT_IMAGE_LIMITS, limitsFromEnv } from './image-limits';
import { ImageRejectedError } from './image-rejected-error';

describe('limitsFromEnv', () => {
  it('given no variables, when read, then the defaults are 50 MB, 100 MP and 100 frames', () => {
    expect(limitsFromEnv({})).toEqual({
      maxBytes: 52_428_800,
      maxPixels: 100_000_000,
      maxFrames: 100,
    });
  });

  it('given all three variables, when read, then each limit comes from its variable', () => {
    const limits = limitsFromEnv({
      MAX_INPUT_BYTES: '1000',
      MAX_INPUT_PIXELS: ' 2000 ',
      MAX_FRAMES: '3',
    });

    expect(limits).toEqual({ maxBytes: 1000, maxPixels: 2000, maxFrames: 3 });
  });

  it('given an empty variable, when read, then the default is kept', () => {
    expect(limitsFromEnv({ MAX_FRAMES: '' }).maxFrames).toBe(DEFAULT_IMAGE_LIMITS.maxFrames);
  });

  it.each(['abc', '0', '-5', '1e6', '2.5', '0x10', '99999999999999999999'])(
    'given MAX_INPUT_PIXELS=%j, when read, then it fails naming the variable and the value',
    (value) => {
      expect(() => limitsFromEnv({ MAX_INPUT_PIXELS: value })).toThrow(
        `MAX_INPUT_PIXELS must be a positive whole number, got ${JSON.stringify(value)}`,
      );
    },
  );
});

describe('checkByteSize', () => {
  it('given 0 bytes, when checked, then it is rejected as empty', () => {
    expect(() => checkByteSize(0)).toThrow(
      expect.objectContaining({ code: 'empty', message: 'file is 0 bytes', permanent: true }),
    );
  });

  it('given 73.4 MB against the default limit, when checked, then it is rejected as too large with both sizes', () => {
    const act = (): void => checkByteSize(Math.round(73.4 * 1024 * 1024));

    expect(act).toThrow(ImageRejectedError);
    expect(act).toThrow(
      expect.objectContaining({
        code: 'too-large',
        message: 'file is 73.4 MB, over the 50 MB limit',
      }),
    );
  });

  it('given exactly the limit, when checked, then it passes', () => {
    expect(() => checkByteSize(1000, { ...DEFAULT_IMAGE_LIMITS, maxBytes: 1000 })).not.toThrow();
  });
});
