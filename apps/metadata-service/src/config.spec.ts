import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import { loadMetadataConfig } from './config';

describe('loadMetadataConfig', () => {
  it('given the table name only, then the limits are the safe defaults', () => {
    expect(loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images' })).toEqual({ tableName: 'imgpipe-images', limits: DEFAULT_IMAGE_LIMITS });
  });

  it('given no table, then the cold start fails naming the setting', () => {
    expect(() => loadMetadataConfig({})).toThrow(/IMAGE_TABLE/);
  });

  it('given a byte limit, then it is used', () => {
    expect(loadMetadataConfig({ IMAGE_TABLE: 'imgpipe-images', MAX_INPUT_BYTES: '1000' }).limits.maxBytes).toBe(1000);
  });
});
