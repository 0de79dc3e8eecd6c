import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';

import { DEFAULT_MAX_CONCURRENT_IMAGES, loadWatermarkConfig } from './config';

const base = { PROCESSED_BUCKET: 'imgpipe-processed', IMAGE_TABLE: 'imgpipe-images' };

describe('loadWatermarkConfig', () => {
  it('given only the bucket and table, when loaded, then every watermark setting has its default', () => {
    expect(loadWatermarkConfig(base)).toEqual({
      processedBucket: 'imgpipe-processed',
      tableName: 'imgpipe-images',
      limits: DEFAULT_IMAGE_LIMITS,
      maxConcurrentImages: DEFAULT_MAX_CONCURRENT_IMAGES,
      cacheControl: 'public, max-age=86400',
      mark: { text: '© imgpipe', logo: { kind: 'bundled' } },
      options: {
        position: 'bottom-right',
        opacity: 0.6,
        scale: 0.25,
        margin: 0.02,
        maxCoverage: 0.1,
        box: 2048,
        maxAnimationFrames: 50,
      },
    });
  });

  it('given every setting, when loaded, then each is used', () => {
    const config = loadWatermarkConfig({
      ...base,
      WATERMARK_TEXT: ' Ana & Bo ',
      WATERMARK_LOGO_KEY: 'assets/watermark/logo.png',
      WATERMARK_POSITION: 'top-left',
      WATERMARK_OPACITY: '1',
      WATERMARK_SCALE: '0.5',
      WATERMARK_MARGIN: '0',
      WATERMARK_MAX_COVERAGE: '0.2',
      WATERMARK_BOX: '1024',
      WATERMARK_MAX_ANIMATION_FRAMES: '10',
      WATERMARK_CACHE_CONTROL: 'public, max-age=60',
      MAX_INPUT_BYTES: '1000',
    });

    expect(config.mark).toEqual({
      text: 'Ana & Bo',
      logo: { kind: 'object', key: 'assets/watermark/logo.png' },
    });
    expect(config.options).toEqual({
      position: 'top-left',
      opacity: 1,
      scale: 0.5,
      margin: 0,
      maxCoverage: 0.2,
      box: 1024,
      maxAnimationFrames: 10,
    });
    expect(config.cacheControl).toBe('public, max-age=60');
    expect(config.limits.maxBytes).toBe(1000);
  });

  it('given a logo key outside assets/watermark/, when loaded, then the cold start fails naming the prefix the service may read', () => {
    expect(() => loadWatermarkConfig({ ...base, WATERMARK_LOGO_KEY: 'brand/logo.png' })).toThrow(
      /WATERMARK_LOGO_KEY must be a key under assets\/watermark\//,
    );
    expect(() => loadWatermarkConfig({ ...base, WATERMARK_LOGO_KEY: 'assets/watermark/' })).toThrow(
      /WATERMARK_LOGO_KEY/,
    );
  });

  it('given "none" for the text or the logo, when loaded, then that part is left out', () => {
    expect(loadWatermarkConfig({ ...base, WATERMARK_TEXT: 'none' }).mark).toEqual({
      text: undefined,
      logo: { kind: 'bundled' },
    });
    expect(loadWatermarkConfig({ ...base, WATERMARK_LOGO_KEY: 'none' }).mark).toEqual({
      text: '© imgpipe',
      logo: { kind: 'none' },
    });
  });

  it('given "none" for both the text and the logo, when loaded, then it fails saying a watermark needs one', () => {
    expect(() =>
      loadWatermarkConfig({ ...base, WATERMARK_TEXT: 'none', WATERMARK_LOGO_KEY: 'none' }),
    ).toThrow(/a watermark needs one/);
  });

  it.each([
    [
      'WATERMARK_POSITION',
      'bottom-middle',
      /WATERMARK_POSITION must be one of top-left, top, .*bottom-right/,
    ],
    ['WATERMARK_OPACITY', '0', /WATERMARK_OPACITY must be in \(0, 1\]/],
    ['WATERMARK_OPACITY', '1e-1', /WATERMARK_OPACITY must be a decimal number/],
    ['WATERMARK_SCALE', '1.5', /WATERMARK_SCALE must be in \(0, 1\]/],
    ['WATERMARK_MARGIN', '0.3', /WATERMARK_MARGIN must be in \[0, 0.25\]/],
    ['WATERMARK_MAX_COVERAGE', '-0.1', /WATERMARK_MAX_COVERAGE must be a decimal number/],
    ['WATERMARK_BOX', '8', /WATERMARK_BOX must be at least 16/],
    ['WATERMARK_BOX', '20.5', /WATERMARK_BOX must be a whole number/],
    ['WATERMARK_TEXT', 'x'.repeat(101), /WATERMARK_TEXT must be at most 100 characters/],
    ['MAX_FRAMES', 'many', /MAX_FRAMES must be a positive whole number/],
  ])('given %s=%s, when loaded, then it fails naming the setting', (name, value, message) => {
    expect(() => loadWatermarkConfig({ ...base, [name]: value })).toThrow(message);
  });

  it('given no bucket or table, when loaded, then it fails naming both', () => {
    expect(() => loadWatermarkConfig({})).toThrow(
      /PROCESSED_BUCKET must name .*IMAGE_TABLE must name/,
    );
  });
});
