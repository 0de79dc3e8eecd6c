import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

// The shared options every function bundle is built with (banner included).
const sharedOptions = require('../esbuild.config.cjs') as Record<string, unknown>;

const SOURCE = `export function parseSetting(value: string): number {
  const parsed = Number(value);
  if (Number.isNaN(parsed)) {
    throw new Error('not a number: ' + value);
  }
  return parsed;
}

export function readSettings(values: readonly string[]): number[] {
  return values.map((value) => parseSetting(value));
}
`;

let folder: string;
let bundle: string;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'stack-source-map-'));
  writeFileSync(path.join(folder, 'settings.ts'), SOURCE);
  const { plugins, ...options } = sharedOptions;
  const result = buildSync({
    ...options,
    absWorkingDir: folder,
    entryPoints: [path.join(folder, 'settings.ts')],
    outfile: path.join(folder, 'dist', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    write: true,
    metafile: true,
  });
  // The own-code map plugin runs on build end; apply it as esbuild would.
  for (const plugin of plugins as { name: string; setup(build: unknown): void }[]) {
    if (plugin.name !== 'own-code-source-map') continue;
    let onEnd: ((result: unknown) => void) | undefined;
    plugin.setup({
      initialOptions: { absWorkingDir: folder },
      onEnd: (callback: (result: unknown) => void) => (onEnd = callback),
    });
    onEnd?.(result);
  }
  bundle = path.join(folder, 'dist', 'index.js');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Loads the bundle in a fresh node (no flags), runs `script`, returns what it printed. */
function inFreshNode(script: string): string {
  return execFileSync(
    process.execPath,
    ['-e', `const bundle = require(${JSON.stringify(bundle)});\n${script}`],
    { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
  );
}

describe('installStackSourceMap (the bundles banner)', () => {
  it('given a bundle built with the shared config, when its code throws, then the stack names the TypeScript lines and functions', () => {
    const stack = inFreshNode(`
      try { bundle.readSettings(['1', 'x']); } catch (error) { process.stdout.write(error.stack); }
    `);

    const frames = stack.split('\n');
    expect(frames[0]).toBe('Error: not a number: x');
    expect(frames[1]).toBe(`    at parseSetting (${path.join(folder, 'settings.ts')}:4:11)`);
    expect(frames[2]).toContain(`${path.join(folder, 'settings.ts')}:10:`);
    expect(stack).not.toContain(`${bundle}:`);
  });

  it('given the map moved away after the bundle loaded, when its code throws, then the stack shows the bundle positions: the map is read on the first stack, not at load', () => {
    const map = JSON.stringify(`${bundle}.map`);
    const kept = JSON.stringify(`${bundle}.map.kept`);
    const stack = inFreshNode(`
      const fs = require('node:fs');
      fs.renameSync(${map}, ${kept});
      try { bundle.readSettings(['x']); } catch (error) { process.stdout.write(error.stack); }
      finally { fs.renameSync(${kept}, ${map}); }
    `);

    expect(stack.split('\n')[0]).toBe('Error: not a number: x');
    expect(stack).toContain(`${bundle}:`);
    expect(stack).not.toContain('settings.ts');
  });

  it("given one of node's own errors, when formatted, then its first line carries its code as node writes it", () => {
    const stack = inFreshNode(`
      try { Buffer.alloc(-1); } catch (error) { process.stdout.write(error.stack); }
    `);

    expect(stack.split('\n')[0]).toMatch(
      /^RangeError \[ERR_OUT_OF_RANGE\]: The value of "size" is out of range\./,
    );
  });

  it('given an error outside the bundle, when formatted, then its frames are as V8 writes them', () => {
    const stack = inFreshNode(`
      function outside() { return new TypeError('elsewhere').stack; }
      process.stdout.write(outside());
    `);

    expect(stack.split('\n')[0]).toBe('TypeError: elsewhere');
    expect(stack.split('\n')[1]).toMatch(/^ {4}at outside \(\[eval\]:3:\d+\)$/);
  });
});
