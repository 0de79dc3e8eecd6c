import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { escapeMarkup, renderTextOverlay } from './text-overlay';

describe('escapeMarkup', () => {
  it('given text with markup characters, when escaped, then each becomes its entity', () => {
    expect(escapeMarkup(`Tom & Jerry <b>"it's"</b>`)).toBe('Tom &amp; Jerry &lt;b&gt;&quot;it&apos;s&quot;&lt;/b&gt;');
  });
});

describe('renderTextOverlay', () => {
  it('given a line of text, when rendered, then it is as tall as asked plus the halo, white letters on a dark halo', async () => {
    const text = await renderTextOverlay('© imgpipe', 100);

    expect(text.height).toBeGreaterThanOrEqual(100);
    expect(text.height).toBeLessThanOrEqual(118);
    const alphas = [];
    for (let index = 0; index < text.data.length; index += 4) alphas.push(text.data[index + 3] ?? 0);
    const opaqueWhite = alphas.filter((alpha, pixel) => alpha === 255 && text.data[pixel * 4] === 255).length;
    expect(opaqueWhite).toBeGreaterThan(100);
    expect(alphas.some((alpha) => alpha > 0 && alpha < 255)).toBe(true);
  });

  it('given markup characters, when rendered, then they are drawn as text instead of being read as markup', async () => {
    const plain = await renderTextOverlay('AB', 60);
    const withTags = await renderTextOverlay('<b>AB</b>', 60);

    expect(withTags.width).toBeGreaterThan(plain.width * 2);
  });

  it('given a machine without any system font (as on Lambda), when rendered, then real glyphs of differing widths are drawn', () => {
    // Empty boxes (what a missing font gives) are all one width; real W and i are not.
    const folder = mkdtempSync(join(tmpdir(), 'imgpipe-no-fonts-'));
    const config = join(folder, 'fonts.conf');
    writeFileSync(config, `<?xml version="1.0"?><fontconfig><cachedir>${folder}</cachedir></fontconfig>`);
    const script = `const { renderTextOverlay } = require(${JSON.stringify(join(__dirname, 'text-overlay.ts'))});
      Promise.all([renderTextOverlay('WWWW', 60), renderTextOverlay('iiii', 60)]).then(([wide, narrow]) =>
        console.log(JSON.stringify({ wide: wide.width, narrow: narrow.width })));`;

    const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      env: { ...process.env, FONTCONFIG_FILE: config },
      encoding: 'utf8',
    });

    const { wide, narrow } = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { wide: number; narrow: number };
    expect(wide).toBeGreaterThan(narrow * 2);
  });

});
