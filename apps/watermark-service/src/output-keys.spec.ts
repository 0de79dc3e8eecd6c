import { possibleWatermarkedKeys, watermarkedKey } from './output-keys';

describe('watermarkedKey', () => {
  it('given a decoded key with spaces, unicode and a plus, when keyed, then the key is kept as is under watermarked/', () => {
    expect(watermarkedKey('ana/été 2024/a+b 1.JPG', 'jpg')).toBe(
      'watermarked/ana/été 2024/a+b 1.JPG.jpg',
    );
  });

  it('given the same source in two output formats, when keyed, then the extension tells them apart', () => {
    expect(watermarkedKey('anim.gif', 'webp')).toBe('watermarked/anim.gif.webp');
    expect(watermarkedKey('anim.gif', 'png')).toBe('watermarked/anim.gif.png');
  });
});

describe('possibleWatermarkedKeys', () => {
  it('given a source key, when listed, then its copy may be a JPEG, a PNG or an animated WebP', () => {
    expect(possibleWatermarkedKeys('ana/a+b é.gif')).toEqual([
      'watermarked/ana/a+b é.gif.jpg',
      'watermarked/ana/a+b é.gif.png',
      'watermarked/ana/a+b é.gif.webp',
    ]);
  });
});
