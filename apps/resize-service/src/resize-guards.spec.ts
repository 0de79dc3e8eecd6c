import { DEFAULT_IMAGE_LIMITS, ImageRejectedError } from '@imgpipe/imaging';
import {
  animatedGif,
  decompressionBombPng,
  fakeHeic,
  jpeg,
  pdf,
  svg,
  textAsJpeg,
  truncated,
} from '@imgpipe/testing';
import { DEFAULT_RESIZE_SPEC, resizeImage } from './resize';

const SPEC = { ...DEFAULT_RESIZE_SPEC, widths: [48, 24], thumbnailSize: 16 };

async function rejectionOf(bytes: Buffer, limits = DEFAULT_IMAGE_LIMITS) {
  const error: unknown = await resizeImage(bytes, SPEC, limits).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ImageRejectedError))
    throw new Error(`expected a rejection, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('resizeImage guards', () => {
  it.each([
    ['an SVG document', () => svg({ prolog: true }), 'svg-not-allowed'],
    ['text named .jpg', textAsJpeg, 'not-an-image'],
    ['a PDF', pdf, 'not-an-image'],
    ['a HEIC signature over zeros', fakeHeic, 'corrupt'],
    ['a 2500 MP PNG header', () => decompressionBombPng(), 'too-many-pixels'],
  ])('given %s, when resized, then it is rejected as %s', async (_what, make, code) => {
    expect((await rejectionOf(make())).code).toBe(code);
  });

  it('given a JPEG cut in half, when resized, then it is rejected as corrupt', async () => {
    const cut = truncated(await jpeg({ width: 256, height: 256 }), 0.5);

    expect((await rejectionOf(cut)).code).toBe('corrupt');
  });

  it('given a GIF over the frame limit, when resized, then the reason names the frame count', async () => {
    const gif = await animatedGif({ frames: 4 });

    const rejection = await rejectionOf(gif, { ...DEFAULT_IMAGE_LIMITS, maxFrames: 3 });

    expect(rejection).toEqual({
      code: 'too-many-frames',
      message: 'image has 4 frames, over the 3 frame limit',
    });
  });
});
