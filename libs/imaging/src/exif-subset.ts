import { readExifBlock } from './exif-block';
import type { ExifDirectories } from './exif-block';

/** The EXIF facts kept in the image record (DESIGN.md §4). */
export interface ExifSubset {
  make?: string;
  model?: string;
  lensModel?: string;
  /** ISO 8601; with the camera's UTC offset when the file records one, else local time. */
  takenAt?: string;
  /** Seconds. */
  exposureTime?: number;
  fNumber?: number;
  iso?: number;
  /** Millimetres. */
  focalLength?: number;
  gps?: { latitude: number; longitude: number };
}

type Directory = ExifDirectories['Image'];

const MAX_TEXT = 256;

/**
 * Reads the small EXIF subset from a raw EXIF block (as sharp's `metadata().exif` gives it,
 * starting `Exif\0\0`, or a bare TIFF header), parsed by exif-reader. Uploaded EXIF is
 * untrusted: a malformed or missing field is left out, and a block that cannot be read
 * gives no facts, rather than an error.
 *
 * @example
 * const { exif } = await inspectImage(bytes);
 * const facts = exif === undefined ? {} : readExifSubset(exif); // { make: 'Canon', iso: 400, ... }
 */
export function readExifSubset(exif: Uint8Array): ExifSubset {
  const directories = readExifBlock(exif);
  if (directories === undefined) return {};
  const { Image: image, Photo: photo, GPSInfo: gps } = directories;
  const subset: ExifSubset = {};
  assign(subset, 'make', text(image?.['Make']));
  assign(subset, 'model', text(image?.['Model']));
  assign(subset, 'lensModel', text(photo?.['LensModel']));
  assign(subset, 'takenAt', takenAt(image, photo));
  assign(subset, 'exposureTime', positive(first(photo?.['ExposureTime'])));
  assign(subset, 'fNumber', positive(first(photo?.['FNumber'])));
  assign(
    subset,
    'iso',
    positive(integer(photo?.['ISOSpeedRatings']) ?? integer(photo?.['ISOSpeed'])),
  );
  assign(subset, 'focalLength', positive(first(photo?.['FocalLength'])));
  assign(subset, 'gps', position(gps));
  return subset;
}

function assign<K extends keyof ExifSubset>(
  subset: ExifSubset,
  key: K,
  value: ExifSubset[K] | undefined,
): void {
  // exactOptionalPropertyTypes: absent facts are left out, never set to undefined.
  if (value !== undefined) subset[key] = value;
}

function takenAt(image: Directory, photo: Directory): string | undefined {
  const candidates: ReadonlyArray<readonly [unknown, unknown]> = [
    [photo?.['DateTimeOriginal'], photo?.['OffsetTimeOriginal']],
    [photo?.['DateTimeDigitized'], photo?.['OffsetTimeDigitized']],
    [image?.['DateTime'], photo?.['OffsetTime']],
  ];
  for (const [date, offset] of candidates) {
    const iso = isoDate(date, text(offset));
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function isoDate(value: unknown, offset: string | undefined): string | undefined {
  // exif-reader gives the camera's local clock as the UTC fields of a Date.
  if (!(value instanceof Date)) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999, so a camera without a set clock
  // ("0000:00:00 00:00:00") arrives as 1899-11-30: no digital photo is that old.
  const year = value.getUTCFullYear();
  if (!(year >= 1900 && year <= 9999)) return undefined;
  const local = value.toISOString().slice(0, 19);
  return offset !== undefined && /^[+-]\d{2}:\d{2}$/.test(offset) ? `${local}${offset}` : local;
}

function position(gps: Directory): { latitude: number; longitude: number } | undefined {
  const latitude = coordinate(gps?.['GPSLatitude'], gps?.['GPSLatitudeRef'], 'S', 90);
  const longitude = coordinate(gps?.['GPSLongitude'], gps?.['GPSLongitudeRef'], 'W', 180);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

function coordinate(
  value: unknown,
  ref: unknown,
  negativeRef: string,
  max: number,
): number | undefined {
  if (!Array.isArray(value)) return undefined;
  const [degrees, minutes, seconds] = value.slice(0, 3).map(finite);
  if (degrees === undefined || minutes === undefined || seconds === undefined) return undefined;
  const magnitude = degrees + minutes / 60 + seconds / 3600;
  if (magnitude > max) return undefined;
  const signed = text(ref)?.toUpperCase() === negativeRef ? -magnitude : magnitude;
  // Seven decimals is about 1 cm: more would only be noise from the rationals.
  return Math.round(signed * 1e7) / 1e7;
}

/** ASCII values come as strings; exif-reader leaves any with a byte over 127 as bytes. */
function text(value: unknown): string | undefined {
  const decoded =
    typeof value === 'string' ? value : Buffer.isBuffer(value) ? utf8(value) : undefined;
  if (decoded === undefined) return undefined;
  const end = decoded.indexOf('\0');
  const trimmed = (end === -1 ? decoded : decoded.slice(0, end)).slice(0, MAX_TEXT).trim();
  // A value with a lying offset reads whatever bytes are there: binary is not a name.
  return trimmed === '' || /\p{Cc}/u.test(trimmed) ? undefined : trimmed;
}

function utf8(bytes: Buffer): string | undefined {
  const end = bytes.indexOf(0);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      end === -1 ? bytes : bytes.subarray(0, end),
    );
  } catch {
    return undefined; // Not text at all.
  }
}

/** A tag with several values gives them as an array; the subset wants the first. */
function first(value: unknown): number | undefined {
  return finite(Array.isArray(value) ? (value as unknown[])[0] : value);
}

function integer(value: unknown): number | undefined {
  const number = first(value);
  return number !== undefined && Number.isInteger(number) ? number : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
