import { ImageRejectedError } from './image-rejected-error';
import { toImageRejection } from './sharp-errors';

describe('toImageRejection', () => {
  it.each([
    ['VipsJpeg: premature end of JPEG image', 'corrupt'],
    ['vipspng: libpng read error', 'corrupt'],
    ['Input buffer has corrupt header: webp: unable to parse image', 'corrupt'],
    ['source: bad seek to 18499\nheif: Invalid input: Unexpected end of file', 'corrupt'],
    ['Input image exceeds pixel limit', 'too-many-pixels'],
  ])(
    'given sharp error %j, when classified, then it is a permanent %s rejection',
    (message, code) => {
      const rejection = toImageRejection(new Error(message));

      expect(rejection).toBeInstanceOf(ImageRejectedError);
      expect(rejection).toMatchObject({
        code,
        permanent: true,
        cause: expect.objectContaining({ message }),
      });
    },
  );

  it.each([
    'vips_tracked_malloc: out of memory --- size == 512MB',
    'jpegload: Cannot allocate memory',
    'timeout: 90% complete',
    'something nobody expected',
  ])('given %j, when classified, then it is left to retry', (message) => {
    expect(toImageRejection(new Error(message))).toBeUndefined();
  });

  it('given a value that is not an Error, when classified, then it is left to retry', () => {
    expect(toImageRejection('VipsJpeg: premature end')).toBeUndefined();
  });

  it('given an ImageRejectedError, when classified, then the same error comes back', () => {
    const error = new ImageRejectedError('empty', 'file is 0 bytes');

    expect(toImageRejection(error)).toBe(error);
  });
});
