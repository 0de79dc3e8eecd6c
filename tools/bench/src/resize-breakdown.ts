import sharp from 'sharp';
import type { ReportSection } from './bench-report';
import type { Contender, TimingPlan } from './interleaved-timing';
import { timeInterleaved } from './interleaved-timing';
import { loadResizeJob } from './service-jobs';
import type { RawRendition } from './size-strategies';
import { SIZE_STRATEGIES, STRATEGY_WIDTHS } from './size-strategies';
import { median } from './stats';

/** A photo whose resize is broken down. */
export interface BreakdownPhoto {
  readonly name: string;
  readonly bytes: Buffer;
}

/**
 * Each step's share of the steps' sum, as a percentage with no decimals.
 *
 * @example
 * shares([30, 10, 60]); // ['30 %', '10 %', '60 %']
 */
export function shares(values: readonly number[]): string[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => (total > 0 ? `${((100 * value) / total).toFixed(0)} %` : '–'));
}

function fromRaw(rendition: RawRendition) {
  const { width, height, channels } = rendition;
  return sharp(rendition.data, { raw: { width, height, channels } });
}

function label(rendition: RawRendition, index: number): string {
  return index === STRATEGY_WIDTHS.length ? `${rendition.width}²` : `${rendition.width}w`;
}

/**
 * Where the resize job's time goes: the steps of its cascade run one at a time, each
 * timed alone and interleaved with the others and the whole job: a full decode (for
 * scale), the widest size straight from the source (decode with JPEG shrink-on-load and
 * resize), each smaller size from the one before, the thumbnail, and every encoder on
 * every rendition.
 *
 * @example
 * const section = await resizeBreakdown([{ name: '12 MP', bytes }], { warmup: 1, iterations: 5 });
 */
export async function resizeBreakdown(
  photos: readonly BreakdownPhoto[],
  plan: TimingPlan,
): Promise<ReportSection> {
  const resize = await loadResizeJob();
  const rows = [['photo', 'step', 'wall ms', 'CPU ms', 'share of steps (CPU)']];
  const data: Record<string, unknown>[] = [];
  const wholeCpu: { photo: string; cpuMs: number }[] = [];
  for (const photo of photos) {
    const renditions = await SIZE_STRATEGIES.cascade(photo.bytes);
    const decode = () => sharp(photo.bytes, { autoOrient: true }).toColourspace('srgb');
    const steps: Contender[] = [
      { name: 'full decode, no resize (for scale)', run: () => decode().raw().toBuffer() },
    ];
    for (const [index, rendition] of renditions.entries()) {
      const previous = renditions[index - 1];
      const name =
        previous === undefined
          ? `decode + resize to ${label(rendition, index)} (shrink-on-load)`
          : `resize ${label(previous, index - 1)} → ${label(rendition, index)}`;
      const pipeline = () =>
        previous === undefined
          ? decode().resize({ width: rendition.width, withoutEnlargement: true })
          : index === STRATEGY_WIDTHS.length
            ? fromRaw(previous).resize({
                width: rendition.width,
                height: rendition.height,
                fit: 'cover',
                position: 'attention',
              })
            : fromRaw(previous).resize({ width: rendition.width });
      steps.push({ name, run: () => pipeline().raw().toBuffer() });
    }
    for (const [index, rendition] of renditions.entries()) {
      steps.push({
        name: `WebP q80 encode ${label(rendition, index)}`,
        run: () => fromRaw(rendition).webp({ quality: 80, effort: 4 }).toBuffer(),
      });
      steps.push({
        name: `JPEG q82 progressive encode ${label(rendition, index)}`,
        run: () => fromRaw(rendition).jpeg({ quality: 82, progressive: true }).toBuffer(),
      });
    }
    const whole: Contender = { name: 'the resize job, whole', run: () => resize.job(photo.bytes) };
    const samples = await timeInterleaved([...steps, whole], plan);
    const of = (name: string, field: 'wallMs' | 'cpuMs') =>
      median((samples.get(name) ?? []).map((sample) => sample[field]));
    // The full decode is there for scale; the job's own steps are the rest.
    const jobSteps = steps.slice(1);
    const cpuShares = shares(jobSteps.map((step) => of(step.name, 'cpuMs')));
    for (const [index, step] of steps.entries()) {
      rows.push([
        photo.name,
        step.name,
        of(step.name, 'wallMs').toFixed(0),
        of(step.name, 'cpuMs').toFixed(0),
        index === 0 ? '' : (cpuShares[index - 1] ?? ''),
      ]);
    }
    const sum = (field: 'wallMs' | 'cpuMs') =>
      jobSteps.reduce((total, step) => total + of(step.name, field), 0);
    rows.push([
      photo.name,
      'sum of the steps, one at a time',
      sum('wallMs').toFixed(0),
      sum('cpuMs').toFixed(0),
      '100 %',
    ]);
    rows.push([
      photo.name,
      whole.name,
      of(whole.name, 'wallMs').toFixed(0),
      of(whole.name, 'cpuMs').toFixed(0),
      '',
    ]);
    wholeCpu.push({ photo: photo.name, cpuMs: of(whole.name, 'cpuMs') });
    data.push({ photo: photo.name, samples: Object.fromEntries(samples) });
  }
  const [first, ...others] = wholeCpu;
  const ratios = others.map(
    (other) =>
      `${other.photo}: the whole job costs ${(other.cpuMs / (first?.cpuMs ?? NaN)).toFixed(2)}× the CPU of ${first?.photo} (issue 11: an orientation 5–8 photo ≤ 1.15× the same picture stored upright).`,
  );
  return {
    part: 'breakdown',
    title: `Where the resize job's time goes (its cascade in bare sharp, step by step; ${plan.iterations} runs after ${plan.warmup} warm-up, interleaved)`,
    rows,
    notes: [
      ...ratios,
      'The job runs its encoders concurrently (wall below the sum of steps on 2 cores); CPU adds up either way.',
      "Shares are of the CPU of the job's own steps; the full decode is for scale only: shrink-on-load decodes less.",
    ],
    data,
  };
}
