import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { maxConcurrentImagesFromEnv } from '@imgpipe/dlq';
import { SERVICES } from '@imgpipe/registry';
import { measureBatchRss } from './batch-rss';
import { loadDefaultBound, SERVICE_JOB_NAMES } from './service-jobs';
import { formatMegabytes } from './stats';
import type { PhotoSize } from './synthetic-photo';
import { syntheticPhotoJpeg } from './synthetic-photo';

/** A photo of the batch figure: its size and whether its JPEG is progressive. */
export interface BatchPhoto {
  readonly name: string;
  readonly size: PhotoSize;
  /**
   * A progressive JPEG is the costly case: libjpeg keeps the whole image's coefficients
   * until the last scan, so shrink-on-load saves time but not that memory.
   */
  readonly progressive: boolean;
}

/** A generated JPEG on disk, as the batch children read it. */
interface PhotoFile {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
}

/**
 * Measures, per service, the peak RSS of one process handling a full batch (the
 * registry's `batchSize`) of each photo at the bound the service runs with
 * (`MAX_CONCURRENT_IMAGES` if set here, else its config default), and, where that is
 * lower, with every record at once as before the bound: rows for {@link formatTable}.
 *
 * @example
 * say(formatTable(await batchMemoryRows([{ name: '24 MP', size: PHOTO_SIZES['24 MP'], progressive: false }])));
 */
export async function batchMemoryRows(batchPhotos: readonly BatchPhoto[]): Promise<string[][]> {
  const folder = await mkdtemp(join(tmpdir(), 'imgpipe-bench-batch-'));
  try {
    const photos = await writePhotos(folder, batchPhotos);
    const rows = [
      [
        'service',
        'memory',
        'batch',
        'photo',
        'at once',
        'peak RSS',
        'of memory',
        'fits',
        'in flight',
        'batch s',
      ],
    ];
    for (const name of SERVICE_JOB_NAMES) {
      const service = SERVICES.find((candidate) => candidate.name === name);
      if (!service) throw new Error(`the registry has no service "${name}"`);
      const bound = maxConcurrentImagesFromEnv(process.env, await loadDefaultBound(name));
      const bounds = bound < service.batchSize ? [bound, service.batchSize] : [bound];
      for (const photo of photos) {
        for (const maxConcurrentImages of bounds) {
          const rss = await measureBatchRss({
            service: name,
            file: photo.file,
            batchSize: service.batchSize,
            maxConcurrentImages,
          });
          rows.push([
            name,
            `${service.memorySize} MB`,
            String(service.batchSize),
            `${photo.name} (${formatMegabytes(photo.bytes)})`,
            maxConcurrentImages === bound ? `${bound} (bound)` : `${maxConcurrentImages} (all)`,
            `${rss.peakMb.toFixed(0)} MB`,
            `${((100 * rss.peakMb) / service.memorySize).toFixed(0)} %`,
            rss.peakMb < service.memorySize ? 'yes' : 'NO',
            String(rss.peakInFlight),
            (rss.wallMs / 1000).toFixed(1),
          ]);
        }
      }
    }
    return rows;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

// Each photo is written once, so every child reads the same bytes.
async function writePhotos(folder: string, photos: readonly BatchPhoto[]): Promise<PhotoFile[]> {
  const files: PhotoFile[] = [];
  for (const [index, photo] of photos.entries()) {
    const baseline = await syntheticPhotoJpeg(photo.size);
    const bytes = photo.progressive
      ? await sharp(baseline).jpeg({ quality: 90, progressive: true }).toBuffer()
      : baseline;
    const file = join(folder, `photo-${index}.jpg`);
    await writeFile(file, bytes);
    files.push({ name: photo.name, file, bytes: bytes.length });
  }
  return files;
}
