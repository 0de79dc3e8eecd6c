import { DEFAULT_IMAGE_LIMITS, ImageRejectedError } from '@imgpipe/imaging';
import { pngWithAlpha, svg } from '@imgpipe/testing';

import { MARK_HEIGHT, renderBundledLogo, renderMark } from './watermark-mark';

const limits = DEFAULT_IMAGE_LIMITS;

describe('renderMark', () => {
  it('given text and a logo, when drawn, then the mark is one row as wide as both plus a gap', async () => {
    const logo = await renderBundledLogo();

    const textOnly = await renderMark({ text: '© imgpipe' }, limits);
    const logoOnly = await renderMark({ logo }, limits);
    const both = await renderMark({ text: '© imgpipe', logo }, limits);

    expect(logoOnly.height).toBe(MARK_HEIGHT);
    expect(both.height).toBe(MARK_HEIGHT);
    expect(both.width).toBeGreaterThan(textOnly.width + logoOnly.width);
    expect(both.width).toBeLessThan(textOnly.width + logoOnly.width + MARK_HEIGHT * 0.2);
  });

  it('given a logo with transparency, when drawn, then its transparent half stays transparent', async () => {
    const mark = await renderMark({ logo: await pngWithAlpha({ width: 64, height: 32 }) }, limits);
    const alphaAt = (x: number, y: number) => mark.data[(y * mark.width + x) * 4 + 3];

    expect([mark.width, mark.height]).toEqual([MARK_HEIGHT * 2, MARK_HEIGHT]);
    expect(alphaAt(10, 100)).toBe(255);
    expect(alphaAt(mark.width - 10, 100)).toBe(0);
  });

  it('given an SVG as logo, when drawn, then it is refused like any SVG upload', async () => {
    await expect(renderMark({ logo: svg() }, limits)).rejects.toBeInstanceOf(ImageRejectedError);
  });

  it('given blank text and no logo, when drawn, then it fails saying a mark needs one of them', async () => {
    await expect(renderMark({ text: '  ' }, limits)).rejects.toThrow('a watermark needs text, a logo or both');
  });
});
