import { imageMagickAvailability, pillowAvailability } from './peers';

describe('peer availability', () => {
  it('given a Python that does not exist, when Pillow is looked for, then it is absent with a reason', () => {
    const found = pillowAvailability('/nonexistent/python3');

    expect(found.present).toBe(false);
    expect(found.present ? '' : found.why).not.toBe('');
  });

  it('given a convert that is not ImageMagick, when looked for, then it is absent and says so', () => {
    // echo prints its argument and exits 0, as a stand-in named convert might.
    const found = imageMagickAvailability('echo');

    expect(found).toEqual({ present: false, why: 'echo is not ImageMagick (-version)' });
  });
});
