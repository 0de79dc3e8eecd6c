import { readTiffDirectories } from './tiff-directory';
import type { TiffDirectory } from './tiff-directory';

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

const TAG = {
  make: 0x010f,
  model: 0x0110,
  dateTime: 0x0132,
  exposureTime: 0x829a,
  fNumber: 0x829d,
  isoSpeedRatings: 0x8827,
  isoSpeed: 0x8833,
  dateTimeOriginal: 0x9003,
  dateTimeDigitized: 0x9004,
  offsetTime: 0x9010,
  offsetTimeOriginal: 0x9011,
  offsetTimeDigitized: 0x9012,
  focalLength: 0x920a,
  lensModel: 0xa434,
  gpsLatitudeRef: 0x0001,
  gpsLatitude: 0x0002,
  gpsLongitudeRef: 0x0003,
  gpsLongitude: 0x0004,
} as const;

/**
 * Reads the small EXIF subset from a raw EXIF block (as sharp's `metadata().exif` gives it,
 * starting `Exif\0\0`, or a bare TIFF header). Uploaded EXIF is untrusted: every offset is
 * bounds-checked, and a malformed or missing field is left out rather than thrown about.
 *
 * @example
 * const { exif } = await inspectImage(bytes);
 * const facts = exif === undefined ? {} : readExifSubset(exif); // { make: 'Canon', iso: 400, ... }
 */
export function readExifSubset(exif: Uint8Array): ExifSubset {
  const directories = readTiffDirectories(exif);
  if (directories === undefined) return {};
  const { ifd0, exifIfd, gpsIfd } = directories;
  const subset: ExifSubset = {};
  assign(subset, 'make', ifd0.text(TAG.make));
  assign(subset, 'model', ifd0.text(TAG.model));
  assign(subset, 'lensModel', exifIfd?.text(TAG.lensModel));
  assign(subset, 'takenAt', takenAt(ifd0, exifIfd));
  assign(subset, 'exposureTime', positive(exifIfd?.rational(TAG.exposureTime)));
  assign(subset, 'fNumber', positive(exifIfd?.rational(TAG.fNumber)));
  assign(
    subset,
    'iso',
    positive(exifIfd?.integer(TAG.isoSpeedRatings) ?? exifIfd?.integer(TAG.isoSpeed)),
  );
  assign(subset, 'focalLength', positive(exifIfd?.rational(TAG.focalLength)));
  assign(subset, 'gps', gpsIfd === undefined ? undefined : position(gpsIfd));
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

function takenAt(ifd0: TiffDirectory, exifIfd: TiffDirectory | undefined): string | undefined {
  const candidates: ReadonlyArray<readonly [TiffDirectory | undefined, number, number]> = [
    [exifIfd, TAG.dateTimeOriginal, TAG.offsetTimeOriginal],
    [exifIfd, TAG.dateTimeDigitized, TAG.offsetTimeDigitized],
    [ifd0, TAG.dateTime, TAG.offsetTime],
  ];
  for (const [directory, dateTag, offsetTag] of candidates) {
    const iso = isoDate(directory?.text(dateTag), exifIfd?.text(offsetTag));
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function isoDate(value: string | undefined, offset: string | undefined): string | undefined {
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value ?? '');
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Cameras without a set clock write "0000:00:00 00:00:00"; reject any impossible date.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    year < 1800 ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  const local = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  return offset !== undefined && /^[+-]\d{2}:\d{2}$/.test(offset) ? `${local}${offset}` : local;
}

function position(gps: TiffDirectory): { latitude: number; longitude: number } | undefined {
  const latitude = coordinate(gps, TAG.gpsLatitude, TAG.gpsLatitudeRef, 'S', 90);
  const longitude = coordinate(gps, TAG.gpsLongitude, TAG.gpsLongitudeRef, 'W', 180);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

function coordinate(
  gps: TiffDirectory,
  valueTag: number,
  refTag: number,
  negativeRef: string,
  max: number,
): number | undefined {
  const [degrees, minutes, seconds] = [0, 1, 2].map((index) => gps.rational(valueTag, index));
  if (degrees === undefined || minutes === undefined || seconds === undefined) return undefined;
  const magnitude = degrees + minutes / 60 + seconds / 3600;
  if (!Number.isFinite(magnitude) || magnitude > max) return undefined;
  const signed = gps.text(refTag)?.toUpperCase() === negativeRef ? -magnitude : magnitude;
  // Seven decimals is about 1 cm: more would only be noise from the rationals.
  return Math.round(signed * 1e7) / 1e7;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
