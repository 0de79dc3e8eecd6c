import type {
  ExifSubset,
  ImageRecord,
  ImageStage,
  OutputStage,
  SourceFacts,
} from '@imgpipe/event-schemas';
import { recordState } from './record-state';
import { formatBytes } from './units';

const LABEL_WIDTH = 11;

/**
 * An image record for people: the key and overall state, then the source facts, the
 * image facts and each output stage as done (with its outputs), rejected (with the
 * reason), deleted (with what it removed) or pending.
 *
 * @example
 * formatImageRecord({ imageId: 'a.jpg' });
 * // 'a.jpg  (pending: image, resize, watermark)\n  source     pending\n  image      pending\n…'
 */
export function formatImageRecord(
  record: ImageRecord,
  options: { readonly processedBucket?: string } = {},
): string {
  const { state, stages } = recordState(record);
  const pending = Object.entries(stages)
    .filter(([, s]) => s === 'pending')
    .map(([stage]) => stage);
  const rejected = Object.entries(stages)
    .filter(([, s]) => s === 'rejected')
    .map(([stage]) => stage);
  const deleting = Object.entries(stages)
    .filter(([, s]) => s !== 'deleted')
    .map(([stage]) => stage);
  const summary =
    state === 'done'
      ? 'complete'
      : state === 'deleted'
        ? 'deleted'
        : pending.length > 0
          ? `pending: ${pending.join(', ')}`
          : state === 'pending'
            ? `being deleted: ${deleting.join(', ')} not yet`
            : `rejected: ${rejected.join(', ')}`;
  return [
    `${record.imageId}  (${summary})`,
    ...section('source', record.source ? sourceLines(record.source) : ['pending']),
    ...section('image', record.image ? imageLines(record.image) : ['pending']),
    ...section(
      'resize',
      record.resize ? outputLines(record.resize, options.processedBucket) : ['pending'],
    ),
    ...section(
      'watermark',
      record.watermark ? outputLines(record.watermark, options.processedBucket) : ['pending'],
    ),
  ].join('\n');
}

function section(label: string, lines: readonly string[]): string[] {
  return lines.map((line, i) => `  ${(i === 0 ? label : '').padEnd(LABEL_WIDTH)}${line}`);
}

function sourceLines(source: SourceFacts): string[] {
  return [
    `s3://${source.bucket}/${source.key}  ${formatBytes(source.size)}  ${source.contentType}`,
    `uploaded ${source.uploadedAt}${source.ownerId ? ` by ${source.ownerId}` : ''}  etag ${source.eTag}`,
  ];
}

function imageLines(stage: ImageStage): string[] {
  if (stage.status === 'rejected') return [rejectedLine(stage)];
  if (stage.status !== 'done') return [deletedLine(stage)];
  const frames = stage.animated
    ? `animated, ${stage.pages} frames`
    : stage.pages > 1
      ? `${stage.pages} pages`
      : undefined;
  const exif = exifText(stage.exif);
  return [
    [
      `done  ${stage.format} ${stage.width}×${stage.height}`,
      `${stage.colourSpace} ${stage.bitsPerSample}-bit`,
      `orientation ${stage.orientation}`,
      stage.hasAlpha ? 'alpha' : 'no alpha',
      stage.hasIccProfile ? 'ICC profile' : 'no ICC profile',
      ...(frames ? [frames] : []),
    ].join('  '),
    `sha256 ${stage.sha256}`,
    `dominant colour ${stage.dominantColour}  placeholder ${stage.placeholder}`,
    ...(exif ? [`exif ${exif}`] : []),
  ];
}

function outputLines(stage: OutputStage, processedBucket: string | undefined): string[] {
  if (stage.status === 'rejected') return [rejectedLine(stage)];
  if (stage.status !== 'done') return [deletedLine(stage)];
  const where = processedBucket ? ` in s3://${processedBucket}` : '';
  const count = `${stage.outputs.length} output${stage.outputs.length === 1 ? '' : 's'}`;
  const keyWidth = Math.max(0, ...stage.outputs.map((o) => o.key.length));
  return [
    `done  ${count}${where}  (${Math.round(stage.durationMs)} ms)`,
    ...stage.outputs.map(
      (o) =>
        `${o.key.padEnd(keyWidth)}  ${o.format.padEnd(4)}  ${`${o.width}×${o.height}`.padStart(9)}  ${formatBytes(o.bytes)}`,
    ),
  ];
}

function rejectedLine(stage: { readonly reason: string; readonly code: string }): string {
  return `rejected  ${stage.reason} [${stage.code}]`;
}

function deletedLine(stage: {
  readonly deletedAt: string;
  readonly removedKeys: readonly string[];
}): string {
  const removed = stage.removedKeys.length;
  return `deleted  source removed ${stage.deletedAt}${removed > 0 ? `; ${removed} output${removed === 1 ? '' : 's'} removed` : ''}`;
}

function exifText(exif: ExifSubset): string {
  const camera = [exif.make, exif.model].filter(Boolean).join(' ');
  const parts = [
    camera,
    exif.lensModel,
    exif.takenAt,
    exif.fNumber !== undefined ? `f/${exif.fNumber}` : undefined,
    exif.exposureTime !== undefined ? exposure(exif.exposureTime) : undefined,
    exif.iso !== undefined ? `ISO ${exif.iso}` : undefined,
    exif.focalLength !== undefined ? `${exif.focalLength} mm` : undefined,
    exif.gps ? `GPS ${exif.gps.latitude}, ${exif.gps.longitude}` : undefined,
  ];
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

function exposure(seconds: number): string {
  return seconds >= 1 || seconds <= 0 ? `${seconds} s` : `1/${Math.round(1 / seconds)} s`;
}
