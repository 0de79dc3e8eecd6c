import { maxConcurrentImagesFromEnv } from '@imgpipe/dlq';
import type { ImageLimits } from '@imgpipe/imaging';
import { readServiceConfig, requiredName, serviceNamed } from '@imgpipe/registry';
import { limitsFromEnv, OUTPUT_CACHE_CONTROL } from '@imgpipe/imaging';
import * as z from 'zod';
import type { FormatChoice } from './resize-plan';
import { FORMAT_CHOICES } from './resize-plan';
import type { ResizeSpec } from './resize';
import { DEFAULT_RESIZE_SPEC } from './resize';

/** The resize service's settings, read once at cold start. */
export interface ResizeConfig {
  readonly processedBucket: string;
  readonly tableName: string;
  readonly limits: ImageLimits;
  readonly spec: ResizeSpec;
  readonly cacheControl: string;
  /** Images resized at once by one function instance (`MAX_CONCURRENT_IMAGES`). */
  readonly maxConcurrentImages: number;
}

/** Images worked on at once unless `MAX_CONCURRENT_IMAGES` says otherwise (the registry's rule). */
export const DEFAULT_MAX_CONCURRENT_IMAGES = serviceNamed('resize').maxConcurrentImages;

// A rendition wider than this is no longer a display copy; it also bounds the memory of
// the cascade's first (widest) step.
const MAX_WIDTH = 8192;

// An unset or empty variable keeps its default, as for the MAX_* limits.
const unsetIfEmpty = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const wholeNumber = (name: string, min: number, max: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\s*\d+\s*$/, `${name} must be a whole number`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `${name} must be at least ${min}`)
          .max(max, `${name} must be at most ${max}`),
      )
      .optional(),
  );

const list = (name: string, fallback: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(fallback)
      .transform((text) => text.split(',').map((item) => item.trim().toLowerCase()))
      .refine((items) => items.every((item) => item !== ''), `${name} has an empty entry`),
  );

const envSchema = z.object({
  PROCESSED_BUCKET: requiredName('PROCESSED_BUCKET must name the processed-output bucket'),
  IMAGE_TABLE: requiredName('IMAGE_TABLE must name the DynamoDB image table'),
  RESIZE_WIDTHS: list('RESIZE_WIDTHS', DEFAULT_RESIZE_SPEC.widths.join(',')).pipe(
    z.array(
      z
        .string()
        .regex(/^\d+$/, 'RESIZE_WIDTHS must be whole numbers separated by commas')
        .transform(Number)
        .pipe(z.number().min(1).max(MAX_WIDTH, `RESIZE_WIDTHS must each be 1–${MAX_WIDTH}`)),
    ),
  ),
  THUMBNAIL_SIZE: wholeNumber('THUMBNAIL_SIZE (0 for no thumbnail)', 0, 2048),
  RESIZE_FORMATS: list('RESIZE_FORMATS', DEFAULT_RESIZE_SPEC.formats.join(',')).pipe(
    z.array(
      z.enum(FORMAT_CHOICES as [FormatChoice, ...FormatChoice[]], {
        error: `RESIZE_FORMATS entries must be among ${FORMAT_CHOICES.join(', ')}`,
      }),
    ),
  ),
  RESIZE_WEBP_QUALITY: wholeNumber('RESIZE_WEBP_QUALITY', 1, 100),
  RESIZE_JPEG_QUALITY: wholeNumber('RESIZE_JPEG_QUALITY', 1, 100),
  RESIZE_AVIF_QUALITY: wholeNumber('RESIZE_AVIF_QUALITY', 1, 100),
  RESIZE_MAX_ANIMATION_FRAMES: wholeNumber('RESIZE_MAX_ANIMATION_FRAMES', 1, 10_000),
  RESIZE_CACHE_CONTROL: z.preprocess(unsetIfEmpty, z.string().default(OUTPUT_CACHE_CONTROL)),
});

/**
 * Reads and validates the environment; a missing or bad setting fails the cold start
 * with a message naming it, instead of failing every record later.
 *
 * @example
 * const config = loadResizeConfig(process.env);
 * config.spec.widths; // [1600, 800, 320] unless RESIZE_WIDTHS says otherwise
 */
export function loadResizeConfig(env: NodeJS.ProcessEnv): ResizeConfig {
  const data = readServiceConfig('resize-service', envSchema, env);
  const quality = {
    ...(data.RESIZE_WEBP_QUALITY === undefined ? {} : { webp: data.RESIZE_WEBP_QUALITY }),
    ...(data.RESIZE_JPEG_QUALITY === undefined ? {} : { jpeg: data.RESIZE_JPEG_QUALITY }),
    ...(data.RESIZE_AVIF_QUALITY === undefined ? {} : { avif: data.RESIZE_AVIF_QUALITY }),
  };
  return {
    processedBucket: data.PROCESSED_BUCKET,
    tableName: data.IMAGE_TABLE,
    limits: limitsFromEnv(env),
    maxConcurrentImages: maxConcurrentImagesFromEnv(env, DEFAULT_MAX_CONCURRENT_IMAGES),
    cacheControl: data.RESIZE_CACHE_CONTROL,
    spec: {
      widths: data.RESIZE_WIDTHS,
      thumbnailSize: data.THUMBNAIL_SIZE ?? DEFAULT_RESIZE_SPEC.thumbnailSize,
      formats: data.RESIZE_FORMATS,
      quality,
      maxAnimationFrames:
        data.RESIZE_MAX_ANIMATION_FRAMES ?? DEFAULT_RESIZE_SPEC.maxAnimationFrames,
    },
  };
}
