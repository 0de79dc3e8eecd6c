import sharp from 'sharp';
import { badInputs, isReadableReason, sha256Hex } from './bad-inputs';

describe('the bad-input corpus', () => {
  const inputs = badInputs('bad/');
  const named = (what: string) => {
    const found = inputs.find((input) => input.what === what);
    if (!found) throw new Error(`no input ${what}`);
    return found;
  };

  it('given the corpus, then unique keys under the prefix, and a 1,000-byte key among them', () => {
    expect(new Set(inputs.map((input) => input.key)).size).toBe(inputs.length);
    expect(inputs.every((input) => input.key.startsWith('bad/'))).toBe(true);
    expect(Buffer.byteLength(named('1,000-byte key').key)).toBe(1000);
  });

  it('given the hostile ones, then they are what they claim', async () => {
    const [zero] = await named('zero bytes').bodies();
    const [gif] = await named('animated GIF with 2,000 frames').bodies();
    const [bomb] = await named('PNG whose header claims 50,000 × 50,000').bodies();
    const [big] = await named('a 100 MB file').bodies();

    expect(zero?.length).toBe(0);
    expect(await sharp(gif).metadata()).toMatchObject({ format: 'gif', pages: 2000 });
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
      width: 50_000,
      height: 50_000,
    });
    expect(big?.length).toBe(100 * 1024 * 1024);
  });

  it('given the key uploaded twice, then two bodies of the same size with other bytes', async () => {
    const bodies = await named('same key twice, other bytes').bodies();

    expect(bodies).toHaveLength(2);
    expect(sha256Hex(bodies[0] ?? Buffer.alloc(0))).not.toBe(
      sha256Hex(bodies[1] ?? Buffer.alloc(0)),
    );
    const sizes = await Promise.all(
      bodies.map(async (body) => (await sharp(body).metadata()).width),
    );
    expect(sizes).toEqual([320, 320]);
  });

  it('given reasons, then a sentence is readable and a code or a stack trace is not', () => {
    expect(isReadableReason('The file is not an image: its bytes are plain text')).toBe(true);
    expect(isReadableReason('not-an-image')).toBe(false);
    expect(isReadableReason('Error: boom\n    at handler (x.ts:1:1)')).toBe(false);
  });
});
