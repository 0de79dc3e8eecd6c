import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import { DEFAULT_MAX_CONCURRENT_IMAGES, loadMetadataConfig } from './config';

describe('loadMetadataConfig', () => {
  it('given the table name only, then the limits are the safe defaults', () => {
    expect(loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images' })).toEqual({
      tableName: 'imgpipe-images',
      limits: DEFAULT_IMAGE_LIMITS,
      maxConcurrentImages: DEFAULT_MAX_CONCURRENT_IMAGES,
    });
  });

  it('given no table, then the cold start fails naming the setting', () => {
    expect(() => loadMetadataConfig({})).toThrow(/IMAGE_TABLE/);
  });

  it('given a byte limit, then it is used', () => {
    expect(
      loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images', MAX_INPUT_BYTES: '1000' }).limits
        .maxBytes,
    ).toBe(1000);
  });

  it('given MAX_CONCURRENT_IMAGES, then it bounds the images read at once, and a bad value fails the cold start', () => {
    expect(
      loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images', MAX_CONCURRENT_IMAGES: '4' })
        .maxConcurrentImages,
    ).toBe(4);
    expect(() =>
      loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images', MAX_CONCURRENT_IMAGES: '0' }),
    ).toThrow(/MAX_CONCURRENT_IMAGES/);
  });
});
