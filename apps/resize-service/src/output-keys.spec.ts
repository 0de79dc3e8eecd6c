import { outputKey, thumbnailName, widthName } from './output-keys';

describe('output keys', () => {
  it('given a width rendition, when keyed, then it lives under resized/<source key>/<width>w.<ext>', () => {
    expect(outputKey('ana/holiday/1.jpg', widthName(800), 'webp')).toBe(
      'resized/ana/holiday/1.jpg/800w.webp',
    );
  });

  it('given the thumbnail, when keyed, then it is named by its configured side', () => {
    expect(outputKey('1.png', thumbnailName(200), 'png')).toBe('resized/1.png/thumb-200.png');
  });

  it('given a key with spaces, unicode and a plus, when keyed, then the source key is kept verbatim', () => {
    expect(outputKey('my photos/café + tea.jpg', widthName(320), 'jpg')).toBe(
      'resized/my photos/café + tea.jpg/320w.jpg',
    );
  });
});
