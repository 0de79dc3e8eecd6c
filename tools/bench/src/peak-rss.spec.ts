import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

// A real child of a process that holds far more memory than the child will: Linux carries a
// parent's resident size at fork into the child's getrusage maxRSS, across exec.
jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../../..');
const TSX = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
const HELD_MB = 512;
const MARKER = 'imgpipe-bench-rss ';

describe('the peak RSS child', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imgpipe-bench-rss-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a parent holding 512 MB, then the child reports its own peak, not the parent’s', async () => {
    const file = join(dir, 'photo.jpg');
    writeFileSync(
      file,
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6a8' } })
        .jpeg()
        .toBuffer(),
    );
    const held = Buffer.alloc(HELD_MB * 2 ** 20, 1);

    const child = spawnSync(
      process.execPath,
      ['--import', TSX, join(__dirname, 'main.ts'), '--rss-child', file],
      {
        encoding: 'utf8',
        env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.base.json') },
      },
    );

    expect(held.readUInt8(held.length - 1)).toBe(1);
    const line = child.stdout.split('\n').find((candidate) => candidate.startsWith(MARKER));
    expect({ status: child.status, line: line !== undefined }).toEqual({ status: 0, line: true });
    const { baselineMb, peakMb } = JSON.parse(line?.slice(MARKER.length) ?? '{}') as {
      baselineMb: number;
      peakMb: number;
    };
    expect(peakMb).toBeGreaterThanOrEqual(baselineMb);
    expect(peakMb).toBeLessThan(HELD_MB);
  });
});
