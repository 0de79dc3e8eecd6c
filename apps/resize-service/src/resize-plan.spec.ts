import { outputFormat } from '@imgpipe/imaging';
import { outputKey } from './output-keys';
import { heightAtWidth, planRenditions, possibleOutputKeys, resolveFormats } from './resize-plan';

const DEFAULTS = {
  widths: [1600, 800, 320],
  thumbnailSize: 200,
  formats: ['webp', 'original'],
} as const;
const photo = (width: number, height: number) => ({ width, height, hasAlpha: false });

describe('planRenditions', () => {
  it('given a 4000×3000 photo, when planned, then every width keeps the 4:3 aspect, widest first', () => {
    const plan = planRenditions(photo(4000, 3000), DEFAULTS);

    expect(plan.sizes).toEqual([
      { name: '1600w', width: 1600, height: 1200 },
      { name: '800w', width: 800, height: 600 },
      { name: '320w', width: 320, height: 240 },
    ]);
    expect(plan.thumbnail).toEqual({ name: 'thumb-200', width: 200, height: 200 });
    expect(plan.skippedWidths).toEqual([]);
  });

  it('given a 500 px wide source, when planned, then wider sizes are skipped and the source width is kept once', () => {
    const plan = planRenditions(photo(500, 400), DEFAULTS);

    expect(plan.sizes.map((size) => [size.name, size.width, size.height])).toEqual([
      ['500w', 500, 400],
      ['320w', 320, 256],
    ]);
    expect(plan.skippedWidths).toEqual([1600, 800]);
  });

  it('given a source exactly as wide as a configured width, when planned, then that width appears once', () => {
    const plan = planRenditions(photo(800, 600), DEFAULTS);

    expect(plan.sizes.map((size) => size.width)).toEqual([800, 320]);
  });

  it('given a 1×1 image, when planned, then it gets one 1×1 size and a 1×1 thumbnail', () => {
    const plan = planRenditions(photo(1, 1), DEFAULTS);

    expect(plan.sizes).toEqual([{ name: '1w', width: 1, height: 1 }]);
    expect(plan.thumbnail).toEqual({ name: 'thumb-200', width: 1, height: 1 });
  });

  it('given a thin panorama, when planned, then heights never reach 0 and the thumbnail is its shorter side', () => {
    const plan = planRenditions(photo(20000, 10), DEFAULTS);

    expect(plan.sizes.map((size) => size.height)).toEqual([1, 1, 1]);
    expect(plan.thumbnail).toMatchObject({ width: 10, height: 10 });
  });

  it('given unordered duplicate widths and no thumbnail, when planned, then sizes are unique and descending', () => {
    const plan = planRenditions(photo(2000, 1000), {
      ...DEFAULTS,
      widths: [320, 1600, 320],
      thumbnailSize: 0,
    });

    expect(plan.sizes.map((size) => size.width)).toEqual([1600, 320]);
    expect(plan.thumbnail).toBeUndefined();
  });

  it('given a source taller than WebP allows, when planned, then widths narrow to keep every height within 16383 px', () => {
    const plan = planRenditions(photo(1000, 20000), DEFAULTS);

    expect(plan.sizes).toEqual([
      { name: '819w', width: 819, height: 16380 },
      { name: '800w', width: 800, height: 16000 },
      { name: '320w', width: 320, height: 6400 },
    ]);
    expect(plan.skippedWidths).toEqual([1600]);
  });
});

describe('resolveFormats', () => {
  it('given a source with alpha, when original is asked for, then the fallback is PNG', () => {
    expect(resolveFormats(['webp', 'original'], { hasAlpha: true })).toEqual(['webp', 'png']);
  });

  it('given an opaque photo, when original and jpeg are both asked for, then JPEG appears once', () => {
    expect(resolveFormats(['original', 'jpeg', 'avif'], { hasAlpha: false })).toEqual([
      'jpeg',
      'avif',
    ]);
  });
});

describe('heightAtWidth', () => {
  it('given a 3:2 source, when scaled to 320 wide, then the height rounds to the nearest pixel', () => {
    expect(heightAtWidth({ width: 3000, height: 2000 }, 320)).toBe(213);
  });
});

describe('possibleOutputKeys', () => {
  it('given the default request, when listed, then every width and the thumbnail appear in WebP, JPEG and PNG', () => {
    expect(possibleOutputKeys('a b+é.jpg', DEFAULTS)).toEqual(
      ['1600w', '800w', '320w', 'thumb-200'].flatMap((name) =>
        ['webp', 'jpg', 'png'].map((extension) => `resized/a b+é.jpg/${name}.${extension}`),
      ),
    );
  });

  it('given no thumbnail, when listed, then only width renditions appear', () => {
    expect(
      possibleOutputKeys('a.png', { widths: [64], thumbnailSize: 0, formats: ['avif'] }),
    ).toEqual(['resized/a.png/64w.avif']);
  });

  it.each([photo(500, 400), photo(9, 9), { width: 1200, height: 60_000, hasAlpha: true }])(
    'given a source of %j, when planned, then no planned key is longer than the longest possible one',
    (source) => {
      const plan = planRenditions(source, DEFAULTS);
      const longest = Math.max(...possibleOutputKeys('k', DEFAULTS).map((key) => key.length));

      const planned = [...plan.sizes, ...(plan.thumbnail ? [plan.thumbnail] : [])].flatMap((size) =>
        plan.formats.map((format) => outputKey('k', size.name, outputFormat(format).extension)),
      );

      expect(planned.length).toBeGreaterThan(0);
      for (const key of planned) expect(key.length).toBeLessThanOrEqual(longest);
    },
  );
});
