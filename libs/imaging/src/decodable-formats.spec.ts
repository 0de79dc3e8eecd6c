import { canDecodeHeic, decodesWithSharp } from './decodable-formats';
import type { DecodableFormat } from './decodable-formats';

describe('decodesWithSharp', () => {
  it.each<[DecodableFormat, string | undefined, boolean]>([
    ['jpeg', undefined, false],
    ['avif', 'av1', false],
    ['heif', 'av1', false],
    ['heif', 'hevc', true],
    ['heic', 'hevc', true],
    ['heic', undefined, true],
  ])(
    'given %s compressed as %s, when asked, then sharp decodes it unless it is HEVC (%s) on a build without HEVC',
    (format, compression, hevc) => {
      expect(decodesWithSharp(format, compression)).toBe(!hevc || canDecodeHeic());
    },
  );

  it('given the prebuilt sharp of this repository, when asked about HEVC, then it cannot decode it (HEIC goes to WebAssembly)', () => {
    expect(canDecodeHeic()).toBe(false);
  });
});
