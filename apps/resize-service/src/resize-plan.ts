import type { OutputFormatName } from '@imgpipe/imaging';
import { chooseOutputFamily, outputFormat } from '@imgpipe/imaging';
import { outputKey, thumbnailName, widthName } from './output-keys';

/** A format a deployment may ask for: a concrete one, or the source's own family. */
export type FormatChoice = OutputFormatName | 'original';

/** Every accepted {@link FormatChoice}, for configuration checks. */
export const FORMAT_CHOICES: readonly FormatChoice[] = ['webp', 'avif', 'jpeg', 'png', 'original'];

/** What the plan needs to know about the upright source image. */
export interface SourceShape {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}

/** What the plan is asked for. */
export interface PlanRequest {
  /** Wanted widths; any order, duplicates ignored. */
  readonly widths: readonly number[];
  /** Side of the square thumbnail; 0 for none. */
  readonly thumbnailSize: number;
  readonly formats: readonly FormatChoice[];
}

/** One rendition's name and exact pixel size. */
export interface PlannedSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

/** Which renditions one source gets. */
export interface RenditionPlan {
  /** Width renditions, widest first (each smaller one may be derived from the one before). */
  readonly sizes: readonly PlannedSize[];
  readonly thumbnail: PlannedSize | undefined;
  /** Concrete formats, `original` resolved, duplicates removed, in the requested order. */
  readonly formats: readonly OutputFormatName[];
  /** Requested widths wider than the source (never enlarged) or too tall: not produced. */
  readonly skippedWidths: readonly number[];
}

/**
 * WebP's largest side. A rendition is never taller, so a very tall source's widths are
 * narrowed; this also bounds the pixels a cascade step holds (1600 × 16383 at most).
 */
export const MAX_RENDITION_HEIGHT = 16383;

/**
 * Decides the renditions of one source without touching pixels. Widths over the source's
 * are skipped (never enlarged), as are widths that would be taller than
 * {@link MAX_RENDITION_HEIGHT}; one rendition at the widest width allowed takes their place,
 * so the largest available copy always exists. Heights keep the aspect ratio (at least
 * 1 px). The thumbnail is a square of the configured side, or of the source's shorter side
 * when that is smaller.
 *
 * @example
 * const plan = planRenditions({ width: 500, height: 400, hasAlpha: false }, { widths: [1600, 800, 320], thumbnailSize: 200, formats: ['webp', 'original'] });
 * plan.sizes.map((size) => size.name); // ['500w', '320w']
 * plan.formats; // ['webp', 'jpeg']
 */
export function planRenditions(source: SourceShape, request: PlanRequest): RenditionPlan {
  const widest = Math.max(
    1,
    Math.min(source.width, Math.floor((MAX_RENDITION_HEIGHT * source.width) / source.height)),
  );
  const wanted = [...new Set(request.widths)].sort((a, b) => b - a);
  const skippedWidths = wanted.filter((width) => width > widest);
  const kept = wanted.filter((width) => width <= widest);
  if (skippedWidths.length > 0 && !kept.includes(widest)) kept.unshift(widest);
  const sizes = kept.map((width) => ({
    name: widthName(width),
    width,
    height: heightAtWidth(source, width),
  }));
  const side = Math.min(request.thumbnailSize, source.width, source.height);
  const thumbnail =
    side > 0
      ? { name: thumbnailName(request.thumbnailSize), width: side, height: side }
      : undefined;
  return { sizes, thumbnail, formats: resolveFormats(request.formats, source), skippedWidths };
}

/**
 * The height of a rendition `width` pixels wide, keeping the aspect ratio and never 0
 * (a 20000×10 panorama at 320 px is 320×1, not 320×0).
 *
 * @example
 * heightAtWidth({ width: 4000, height: 3000 }, 800); // 600
 */
export function heightAtWidth(
  source: Pick<SourceShape, 'width' | 'height'>,
  width: number,
): number {
  return Math.max(1, Math.round((source.height * width) / source.width));
}

/**
 * Turns format choices into concrete formats: `original` is the source's still family
 * (PNG when it has alpha, JPEG otherwise), the fallback for browsers without WebP.
 *
 * @example
 * resolveFormats(['webp', 'original'], { hasAlpha: true }); // ['webp', 'png']
 */
export function resolveFormats(
  choices: readonly FormatChoice[],
  source: Pick<SourceShape, 'hasAlpha'>,
): OutputFormatName[] {
  const family = chooseOutputFamily({ animated: false, hasAlpha: source.hasAlpha }).format;
  return [...new Set(choices.map((choice) => (choice === 'original' ? family : choice)))];
}

/**
 * The keys of every rendition a source could get under `request`, whatever its size and
 * alpha, so a stage can check that all fit in S3 before it reads the source. A rendition put
 * in place of too-wide ones is narrower than a requested width, so its key is never longer
 * than one of these.
 *
 * @example
 * possibleOutputKeys('a.jpg', { widths: [800], thumbnailSize: 0, formats: ['original'] });
 * // ['resized/a.jpg/800w.jpg', 'resized/a.jpg/800w.png']
 */
export function possibleOutputKeys(sourceKey: string, request: PlanRequest): string[] {
  const names = request.widths.map(widthName);
  if (request.thumbnailSize > 0) names.push(thumbnailName(request.thumbnailSize));
  const formats = new Set([
    ...resolveFormats(request.formats, { hasAlpha: false }),
    ...resolveFormats(request.formats, { hasAlpha: true }),
  ]);
  return names.flatMap((name) =>
    [...formats].map((format) => outputKey(sourceKey, name, outputFormat(format).extension)),
  );
}
