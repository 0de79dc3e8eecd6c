import { uploadExtension, uploadKey } from './upload-keys';

describe('uploadKey', () => {
  it('given an owner and a file, when named, then the key is the owner prefix, the unique name and the extension', () => {
    expect(uploadKey('ana', 'Beach Day.JPG', 'image/jpeg', 'u-1')).toBe('ana/u-1.jpg');
  });

  it.each([
    ['photo.jpeg', 'image/jpeg', 'jpeg'],
    ['scan.TIF', 'image/tiff', 'tif'],
    ['no-extension', 'image/png', 'png'],
    ['lies.png', 'image/jpeg', 'jpg'],
    ['../../etc/passwd', 'image/webp', 'webp'],
  ] as const)('given %s declared %s, then the extension kept is %s', (name, type, extension) => {
    expect(uploadExtension(name, type)).toBe(extension);
  });
});
