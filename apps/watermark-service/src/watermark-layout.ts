/** Where the mark sits: a corner, an edge's middle, or the centre. */
export const WATERMARK_POSITIONS = [
  'top-left',
  'top',
  'top-right',
  'left',
  'center',
  'right',
  'bottom-left',
  'bottom',
  'bottom-right',
] as const;
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

/** How the mark is sized and placed, all relative to the image so every size looks alike. */
export interface WatermarkLayout {
  readonly position: WatermarkPosition;
  /** Mark width as a share of the image width (0–1]. */
  readonly scale: number;
  /** Gap between the mark and the image edges, as a share of the image width [0–0.25]. */
  readonly margin: number;
  /** Largest share of the image area the mark may cover (0–1]. */
  readonly maxCoverage: number;
}

/** A rectangle in whole pixels, top-left origin. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Places a mark of the given size ratio on an image: `scale` of the image width wide,
 * shrunk (never stretched) until it fits inside the margins and covers at most
 * `maxCoverage` of the image, then anchored at `position`.
 *
 * @param markAspect the mark's width divided by its height.
 * @returns the mark's box, or `undefined` when the image is too small to hold a mark of
 * at least one pixel each way.
 * @example
 * layoutWatermark({ width: 1000, height: 800 }, 4, { position: 'bottom-right', scale: 0.25, margin: 0.02, maxCoverage: 0.1 });
 * // { left: 730, top: 718, width: 250, height: 62 }
 */
export function layoutWatermark(image: Size, markAspect: number, layout: WatermarkLayout): Box | undefined {
  const margin = Math.round(layout.margin * image.width);
  const room = { width: image.width - 2 * margin, height: image.height - 2 * margin };
  let width = layout.scale * image.width;
  let height = width / markAspect;
  const fit = Math.min(1, room.width / width, room.height / height);
  width *= fit;
  height *= fit;
  const allowedArea = layout.maxCoverage * image.width * image.height;
  if (width * height > allowedArea) {
    // Shrinking both sides by √ratio keeps the mark's proportions at the allowed area.
    const shrink = Math.sqrt(allowedArea / (width * height));
    width *= shrink;
    height *= shrink;
  }
  // Rounding down keeps both the coverage and the margins within their limits.
  const size = { width: Math.floor(width), height: Math.floor(height) };
  if (size.width < 1 || size.height < 1) return undefined;
  const [horizontal, vertical] = anchorsOf(layout.position);
  return {
    left: place(horizontal, image.width, size.width, margin),
    top: place(vertical, image.height, size.height, margin),
    ...size,
  };
}

type Anchor = 'start' | 'middle' | 'end';

function anchorsOf(position: WatermarkPosition): readonly [horizontal: Anchor, vertical: Anchor] {
  const horizontal = position.endsWith('left') ? 'start' : position.endsWith('right') ? 'end' : 'middle';
  const vertical = position.startsWith('top') ? 'start' : position.startsWith('bottom') ? 'end' : 'middle';
  return [horizontal, vertical];
}

function place(anchor: Anchor, extent: number, size: number, margin: number): number {
  if (anchor === 'start') return margin;
  if (anchor === 'end') return extent - margin - size;
  return Math.floor((extent - size) / 2);
}
