import { createHash } from 'node:crypto';
import sharp from 'sharp';

// The metadata service's preview edge (apps/metadata-service/src/metadata.ts), restated.
const PREVIEW_SIZE = 100;

/**
 * The metadata job's image work in bare sharp: the header (format, size, EXIF block), a
 * preview decoded upright with shrink-on-load for the colour and placeholder, and the
 * sha256 of the bytes. No guards, no EXIF parsing, no placeholder encoding.
 *
 * @example
 * await bareMetadata(photoBytes); // bytes of the preview
 */
export async function bareMetadata(bytes: Uint8Array): Promise<number> {
  await sharp(bytes).metadata();
  const preview = await sharp(bytes, { autoOrient: true })
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer();
  createHash('sha256').update(bytes).digest('hex');
  return preview.length;
}
