import { ImageRejectedError } from './image-rejected-error';
import { checkOutputKeys, fitsS3Key, MAX_S3_KEY_BYTES, s3KeyBytes } from './output-key-limit';

// A resize-like key scheme: 8 bytes before the source key, 15 after.
const thumbnailKey = (sourceKey: string) => `resized/${sourceKey}/thumb-200.webp`;
const widthKey = (sourceKey: string) => `resized/${sourceKey}/800w.jpg`;

function rejectionOf(action: () => void): ImageRejectedError {
  try {
    action();
  } catch (error) {
    if (error instanceof ImageRejectedError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('fitsS3Key', () => {
  it('given a key of exactly 1,024 ASCII bytes, when checked, then it fits, and one byte more does not', () => {
    expect(MAX_S3_KEY_BYTES).toBe(1024);
    expect(fitsS3Key('k'.repeat(1024))).toBe(true);
    expect(fitsS3Key('k'.repeat(1025))).toBe(false);
  });

  it('given multi-byte characters, when checked, then bytes of UTF-8 count, not characters', () => {
    expect(s3KeyBytes('é'.repeat(512))).toBe(1024);
    expect(fitsS3Key('é'.repeat(512))).toBe(true);
    expect(fitsS3Key(`${'é'.repeat(511)}☕`)).toBe(false); // 1,022 + 3 bytes, 512 characters
    expect(fitsS3Key(`${'x'.repeat(1020)}😀`)).toBe(true); // 4 bytes, 2 UTF-16 units
    expect(fitsS3Key(`${'x'.repeat(1021)}😀`)).toBe(false);
  });
});

describe('checkOutputKeys', () => {
  it('given the longest source key whose outputs all fit, when checked, then nothing is thrown', () => {
    const source = 'k'.repeat(1001);

    expect(s3KeyBytes(thumbnailKey(source))).toBe(1024);
    expect(() => checkOutputKeys(source, [widthKey(source), thumbnailKey(source)])).not.toThrow();
  });

  it('given a source key one byte longer, when checked, then it is rejected naming its length, the longest output and the limit', () => {
    const source = 'k'.repeat(1002);

    const rejection = rejectionOf(() =>
      checkOutputKeys(source, [widthKey(source), thumbnailKey(source)]),
    );

    expect(rejection.code).toBe('output-key-too-long');
    expect(rejection.message).toBe(
      'source key is 1,002 bytes of UTF-8, so output key resized/<source key>/thumb-200.webp ' +
        "would be 1,025 bytes, over S3's 1,024-byte key limit (source keys up to 1,001 bytes fit)",
    );
  });

  it('given a multi-byte source key, when its outputs do not fit, then its length is counted in bytes', () => {
    const source = `ü/${'€'.repeat(333)}`; // 2 + 1 + 999 bytes, 335 characters

    const rejection = rejectionOf(() => checkOutputKeys(source, [thumbnailKey(source)]));

    expect(rejection.message).toMatch(/^source key is 1,002 bytes of UTF-8, .* 1,025 bytes/);
  });

  it('given no output keys, when checked, then nothing is thrown', () => {
    expect(() => checkOutputKeys('k'.repeat(2000), [])).not.toThrow();
  });
});
