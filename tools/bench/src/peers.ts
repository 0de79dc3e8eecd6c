import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ReportSection } from './bench-report';
import type { Contender, TimingPlan } from './interleaved-timing';
import { timeInterleaved } from './interleaved-timing';
import { loadResizeJob } from './service-jobs';
import { formatMegabytes, formatRatio, median, pairedRatio } from './stats';

const PILLOW_SCRIPT = join(__dirname, '../peers/pillow-peer.py');

/** A photo the peers and imgpipe all process. */
export interface PeerPhoto {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Whether a peer can run here, and what it is. */
export type PeerAvailability =
  | { readonly present: true; readonly version: string }
  | { readonly present: false; readonly why: string };

/**
 * Whether `python` can import Pillow.
 *
 * @example
 * pillowAvailability('python3'); // { present: false, why: 'No module named PIL' }
 */
export function pillowAvailability(python: string): PeerAvailability {
  const probe = spawnSync(python, ['-c', 'import PIL; print(PIL.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return { present: true, version: `Pillow ${probe.stdout.trim()}` };
  return {
    present: false,
    why: lastLine(probe.stderr ?? '') || String(probe.error ?? 'did not run'),
  };
}

/**
 * Whether `convert` is ImageMagick (a stand-in of the same name is not).
 *
 * @example
 * imageMagickAvailability('convert'); // { present: true, version: 'ImageMagick 6.9.12-98 …' }
 */
export function imageMagickAvailability(convert: string): PeerAvailability {
  const probe = spawnSync(convert, ['-version'], { encoding: 'utf8' });
  const first = (probe.stdout ?? '').split('\n')[0] ?? '';
  if (probe.status === 0 && first.includes('ImageMagick')) {
    return { present: true, version: first.replace(/^Version:\s*/, '') };
  }
  return {
    present: false,
    why: `${convert} is not ImageMagick (${lastLine(`${probe.stdout ?? ''}${probe.stderr ?? ''}`) || String(probe.error ?? 'no output')})`,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/**
 * Peers on the same photos, interleaved round-robin with imgpipe: Pillow making the seeds'
 * 300×300 and imgpipe's resize outputs (one Python process per round over all photos,
 * timed inside it), ImageMagick `convert -auto-orient -resize 300x300!` (one process per
 * photo, as it is used), against sharp doing the seeds' 300×300 and imgpipe's resize job
 * in this process. A peer that is not installed is named absent and the rest still run.
 *
 * @example
 * const section = await peersSection(photos, { warmup: 1, iterations: 5 }, 'python3', 'convert');
 */
export async function peersSection(
  photos: readonly PeerPhoto[],
  plan: TimingPlan,
  python: string,
  convert: string,
): Promise<ReportSection> {
  const pillow = pillowAvailability(python);
  const magick = imageMagickAvailability(convert);
  const folder = await mkdtemp(join(tmpdir(), 'imgpipe-bench-peers-'));
  try {
    const files: string[] = [];
    for (const [index, photo] of photos.entries()) {
      const file = join(folder, `photo-${index}.jpg`);
      await writeFile(file, photo.bytes);
      files.push(file);
    }
    const resize = await loadResizeJob();
    const written = new Map<string, number>();
    const track = (name: string, bytes: number) => written.set(name, bytes);
    const contenders: Contender[] = [
      {
        name: 'imgpipe outputs',
        run: async () => {
          let bytes = 0;
          for (const photo of photos) bytes += await resize.job(photo.bytes);
          track('imgpipe outputs', bytes);
        },
      },
      {
        name: 'sharp 300×300',
        run: async () => {
          let bytes = 0;
          for (const photo of photos) bytes += (await seedsInSharp(photo.bytes)).length;
          track('sharp 300×300', bytes);
        },
      },
    ];
    const inside = new Map<string, { wallMs: number[]; cpuMs: number[] }>();
    if (pillow.present) {
      for (const mode of ['seeds', 'outputs'] as const) {
        const name = mode === 'seeds' ? 'Pillow 300×300' : 'Pillow outputs';
        inside.set(name, { wallMs: [], cpuMs: [] });
        contenders.push({
          name,
          run: async () => {
            const figures = await runPillow(python, mode, files);
            inside.get(name)?.wallMs.push(figures.wallMs);
            inside.get(name)?.cpuMs.push(figures.cpuMs);
            track(name, figures.bytes);
          },
        });
      }
    }
    if (magick.present) {
      contenders.push({
        name: 'ImageMagick 300×300',
        run: async () => {
          let bytes = 0;
          for (const file of files) bytes += await runConvert(convert, file, folder);
          track('ImageMagick 300×300', bytes);
        },
      });
    }
    const samples = await timeInterleaved(contenders, plan);
    // Pillow's own figures leave out the interpreter's start; the warm-up runs are dropped.
    for (const [name, figures] of inside) {
      samples.set(
        name,
        figures.wallMs
          .slice(plan.warmup)
          .map((wallMs, index) => ({ wallMs, cpuMs: figures.cpuMs[plan.warmup + index] ?? NaN })),
      );
    }
    const wall = (name: string) => (samples.get(name) ?? []).map((sample) => sample.wallMs);
    const cpu = (name: string) => (samples.get(name) ?? []).map((sample) => sample.cpuMs);
    const perPhoto = (ms: number) => (ms / photos.length).toFixed(0);
    const rows = [['peer', 'task', 'ms / photo', 'CPU ms / photo', 'output', 'imgpipe faster by']];
    const row = (name: string, task: string, against: string | undefined, cpuKnown = true) => {
      rows.push([
        name,
        task,
        perPhoto(median(wall(name))),
        cpuKnown ? perPhoto(median(cpu(name))) : 'n/a',
        formatMegabytes(written.get(name) ?? 0),
        against === undefined ? '' : formatRatio(pairedRatio(wall(name), wall(against))),
      ]);
    };
    row('imgpipe outputs', 'resize job (3 widths + thumbnail, WebP + JPEG)', undefined);
    row('sharp 300×300', "seeds' task in sharp", undefined);
    if (pillow.present) {
      row('Pillow outputs', "imgpipe's outputs, with draft()", 'imgpipe outputs');
      row('Pillow 300×300', "seeds' resize((300, 300))", 'sharp 300×300');
    } else rows.push(['Pillow', 'absent (see below)', '', '', '', '']);
    if (magick.present)
      row('ImageMagick 300×300', 'convert -auto-orient -resize 300x300!', 'sharp 300×300', false);
    else rows.push(['ImageMagick', 'absent (see below)', '', '', '', '']);
    return {
      part: 'peers',
      title: `Peers on the same ${photos.length} photos (${photos.map((photo) => photo.name).join(', ')}), ${plan.iterations} rounds after ${plan.warmup} warm-up, interleaved`,
      rows,
      notes: [
        `Pillow: ${pillow.present ? `${pillow.version} via ${python}, one process per round, timed inside it (interpreter start excluded)` : `absent (${python}: ${pillow.why})`}.`,
        `ImageMagick: ${magick.present ? `${magick.version}, one \`convert\` process per photo, process start included; no CPU figure` : `absent (${magick.why})`}.`,
        "imgpipe faster by = the peer's time over imgpipe's for the same task, median of per-round ratios; imgpipe's resize job runs its guards too.",
      ],
      data: {
        pillow,
        imageMagick: magick,
        written: Object.fromEntries(written),
        samples: Object.fromEntries(samples),
      },
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The seeds' task in sharp: upright, stretched to 300×300, JPEG. */
function seedsInSharp(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes, { autoOrient: true }).resize(300, 300, { fit: 'fill' }).jpeg().toBuffer();
}

function runPillow(
  python: string,
  mode: 'seeds' | 'outputs',
  files: readonly string[],
): Promise<{ wallMs: number; cpuMs: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [PILLOW_SCRIPT, mode, ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (code === 0 && line !== undefined)
        resolve(JSON.parse(line) as { wallMs: number; cpuMs: number; bytes: number });
      else reject(new Error(`the Pillow peer failed (${String(code)}):\n${output}`));
    });
  });
}

function runConvert(convert: string, file: string, folder: string): Promise<number> {
  const out = join(folder, 'magick-300.jpg');
  return new Promise((resolve, reject) => {
    const child = spawn(convert, [file, '-auto-orient', '-resize', '300x300!', out], {
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(
            sharp(out)
              .metadata()
              .then((meta) => meta.size ?? 0),
          )
        : reject(new Error(`convert exited with ${String(code)} on ${file}`)),
    );
  });
}
