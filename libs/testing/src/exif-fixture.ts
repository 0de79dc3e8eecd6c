import type { Exif } from 'sharp';

/** EXIF written into a fixture JPEG, in the units photographers use. */
export interface ExifFixture {
  readonly make?: string;
  readonly model?: string;
  readonly lensModel?: string;
  /** EXIF date format `YYYY:MM:DD HH:MM:SS` (local time of the camera). */
  readonly takenAt?: string;
  /** Offset of `takenAt` from UTC, e.g. `+02:00`. */
  readonly offset?: string;
  /** Seconds as a fraction, e.g. `1/125`. */
  readonly exposureTime?: `${number}/${number}`;
  readonly fNumber?: number;
  readonly iso?: number;
  /** Millimetres. */
  readonly focalLength?: number;
  readonly gps?: { readonly latitude: number; readonly longitude: number };
}

export function exifTags(exif: ExifFixture): Exif {
  const ifd0: Record<string, string> = {};
  const ifd2: Record<string, string> = {};
  const gps: Record<string, string> = {};
  if (exif.make !== undefined) ifd0['Make'] = exif.make;
  if (exif.model !== undefined) ifd0['Model'] = exif.model;
  if (exif.takenAt !== undefined) {
    ifd0['DateTime'] = exif.takenAt;
    ifd2['DateTimeOriginal'] = exif.takenAt;
  }
  if (exif.offset !== undefined) ifd2['OffsetTimeOriginal'] = exif.offset;
  if (exif.lensModel !== undefined) ifd2['LensModel'] = exif.lensModel;
  if (exif.exposureTime !== undefined) ifd2['ExposureTime'] = exif.exposureTime;
  if (exif.fNumber !== undefined) ifd2['FNumber'] = `${Math.round(exif.fNumber * 10)}/10`;
  if (exif.iso !== undefined) ifd2['ISOSpeedRatings'] = String(exif.iso);
  if (exif.focalLength !== undefined)
    ifd2['FocalLength'] = `${Math.round(exif.focalLength * 10)}/10`;
  if (exif.gps !== undefined) {
    Object.assign(gps, {
      GPSLatitudeRef: exif.gps.latitude < 0 ? 'S' : 'N',
      GPSLatitude: degreesMinutesSeconds(exif.gps.latitude),
      GPSLongitudeRef: exif.gps.longitude < 0 ? 'W' : 'E',
      GPSLongitude: degreesMinutesSeconds(exif.gps.longitude),
    });
  }
  return { IFD0: ifd0, IFD2: ifd2, IFD3: gps };
}

function degreesMinutesSeconds(decimal: number): string {
  const absolute = Math.abs(decimal);
  const degrees = Math.floor(absolute);
  const minutes = Math.floor((absolute - degrees) * 60);
  const hundredthsOfSeconds = Math.round(((absolute - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/100`;
}
