import { DEFAULT_MAX_CONCURRENT_IMAGES, loadResizeConfig } from './config';

const REQUIRED = { PROCESSED_BUCKET: 'imgpipe-processed', IMAGE_TABLE: 'imgpipe-images' };

describe('loadResizeConfig', () => {
  it('given only the required variables, when loaded, then the documented defaults apply', () => {
    const config = loadResizeConfig(REQUIRED);

    expect(config).toEqual({
      processedBucket: 'imgpipe-processed',
      tableName: 'imgpipe-images',
      limits: { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000, maxFrames: 100 },
      cacheControl: 'public, max-age=86400',
      maxConcurrentImages: DEFAULT_MAX_CONCURRENT_IMAGES,
      spec: {
        widths: [1600, 800, 320],
        thumbnailSize: 200,
        formats: ['webp', 'original'],
        quality: {},
        maxAnimationFrames: 50,
      },
    });
  });

  it('given every setting overridden, when loaded, then each is parsed into the spec', () => {
    const config = loadResizeConfig({
      ...REQUIRED,
      RESIZE_WIDTHS: ' 1280, 640 ',
      THUMBNAIL_SIZE: '0',
      RESIZE_FORMATS: 'AVIF,webp',
      RESIZE_WEBP_QUALITY: '70',
      RESIZE_JPEG_QUALITY: '85',
      RESIZE_AVIF_QUALITY: '45',
      RESIZE_MAX_ANIMATION_FRAMES: '12',
      RESIZE_CACHE_CONTROL: 'public, max-age=60',
      MAX_INPUT_PIXELS: '40000000',
    });

    expect(config.spec).toEqual({
      widths: [1280, 640],
      thumbnailSize: 0,
      formats: ['avif', 'webp'],
      quality: { webp: 70, jpeg: 85, avif: 45 },
      maxAnimationFrames: 12,
    });
    expect(config.cacheControl).toBe('public, max-age=60');
    expect(config.limits.maxPixels).toBe(40_000_000);
  });

  it('given empty optional variables, when loaded, then they keep their defaults', () => {
    const config = loadResizeConfig({
      ...REQUIRED,
      RESIZE_WIDTHS: '',
      RESIZE_FORMATS: ' ',
      THUMBNAIL_SIZE: '',
    });

    expect(config.spec.widths).toEqual([1600, 800, 320]);
    expect(config.spec.formats).toEqual(['webp', 'original']);
    expect(config.spec.thumbnailSize).toBe(200);
  });

  it('given no bucket or table, when loaded, then the error names both variables', () => {
    expect(() => loadResizeConfig({})).toThrow(
      'resize-service configuration: PROCESSED_BUCKET must name the processed-output bucket; IMAGE_TABLE must name the DynamoDB image table',
    );
  });

  it.each([
    [{ RESIZE_WIDTHS: '800,abc' }, 'RESIZE_WIDTHS must be whole numbers separated by commas'],
    [{ RESIZE_WIDTHS: '800,,320' }, 'RESIZE_WIDTHS has an empty entry'],
    [{ RESIZE_WIDTHS: '20000' }, 'RESIZE_WIDTHS must each be 1–8192'],
    [
      { RESIZE_FORMATS: 'webp,gif' },
      'RESIZE_FORMATS entries must be among webp, avif, jpeg, png, original',
    ],
    [{ THUMBNAIL_SIZE: '-1' }, 'THUMBNAIL_SIZE (0 for no thumbnail) must be a whole number'],
    [{ RESIZE_WEBP_QUALITY: '101' }, 'RESIZE_WEBP_QUALITY must be at most 100'],
    [{ MAX_INPUT_BYTES: '1e6' }, 'MAX_INPUT_BYTES must be a positive whole number'],
  ])('given %j, when loaded, then the cold start fails saying %s', (bad, message) => {
    expect(() => loadResizeConfig({ ...REQUIRED, ...bad })).toThrow(message);
  });
});
