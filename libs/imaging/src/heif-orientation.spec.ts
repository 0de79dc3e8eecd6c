import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { heifOrientation } from './heif-orientation';

// Made by tools/samples/generate-heic.ts; for each, every irot/imir combination was checked
// against where libheif's decode puts the marker.
const heic = (name: string): Promise<Buffer> =>
  readFile(join(__dirname, '../../../tools/samples/heic', name));

describe('heifOrientation', () => {
  it.each([
    ['upright.heic', 1],
    ['iphone-orientation-6.heic', 6],
    ['mirrored-orientation-5.heic', 5],
    ['two-images-primary-second.heic', 1],
  ])(
    'given %s, when its transforms are read, then they amount to orientation %i',
    async (name, orientation) => {
      expect(heifOrientation(await heic(name))).toBe(orientation);
    },
  );

  it.each([
    ['no bytes', Buffer.alloc(0)],
    ['a JPEG signature', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])],
    ['a meta box claiming more bytes than there are', Buffer.from('0000ffff6d657461', 'hex')],
  ])(
    'given %s, when its transforms are read, then it reads as upright without throwing',
    (_what, bytes) => {
      expect(heifOrientation(bytes)).toBe(1);
    },
  );

  it('given a HEIC cut inside its property boxes, when its transforms are read, then it reads as upright', async () => {
    const bytes = await heic('iphone-orientation-6.heic');
    const cut = bytes.subarray(0, bytes.indexOf('ipma') + 6);

    expect(heifOrientation(cut)).toBe(1);
  });
});
