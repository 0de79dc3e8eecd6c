import { maxConcurrentImagesFromEnv } from '@imgpipe/dlq';
import type { ImageLimits } from '@imgpipe/imaging';
import { limitsFromEnv, OUTPUT_CACHE_CONTROL } from '@imgpipe/imaging';
import {
  WATERMARK_ASSET_PREFIX,
  readServiceConfig,
  requiredName,
  serviceNamed,
} from '@imgpipe/registry';
import * as z from 'zod';

import type { WatermarkOptions } from './watermark';
import type { WatermarkPosition } from './watermark-layout';
import { WATERMARK_POSITIONS } from './watermark-layout';

/** Where the logo comes from: the bundled one, an object of the processed bucket, or none. */
export type LogoSource =
  | { readonly kind: 'bundled' }
  | { readonly kind: 'none' }
  | { readonly kind: 'object'; readonly key: string };

/** What the mark is made of, before it is drawn. */
export interface MarkSource {
  /** `undefined`: no text. */
  readonly text: string | undefined;
  readonly logo: LogoSource;
}

/** The watermark service's settings, read once at cold start. */
export interface WatermarkConfig {
  readonly processedBucket: string;
  readonly tableName: string;
  readonly limits: ImageLimits;
  readonly cacheControl: string;
  readonly mark: MarkSource;
  readonly options: Omit<WatermarkOptions, 'mark'>;
  /** Images watermarked at once by one function instance (`MAX_CONCURRENT_IMAGES`). */
  readonly maxConcurrentImages: number;
}

/** Images worked on at once unless `MAX_CONCURRENT_IMAGES` says otherwise (the registry's rule). */
export const DEFAULT_MAX_CONCURRENT_IMAGES = serviceNamed('watermark').maxConcurrentImages;

/** Written in place of a text or logo key to leave that part out. */
const NONE = 'none';

/** Settings of a default deployment. */
export const WATERMARK_DEFAULTS = {
  text: '© imgpipe',
  position: 'bottom-right',
  opacity: 0.6,
  scale: 0.25,
  margin: 0.02,
  maxCoverage: 0.1,
  box: 2048,
  maxAnimationFrames: 50,
} as const satisfies Omit<WatermarkOptions, 'mark'> & { text: string };

// An unset or empty variable keeps its default, as for the MAX_* limits.
const unsetIfEmpty = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A decimal in [min, max] (or (min, max] when `exclusiveMin`), written plainly: `0.25`. */
const decimal = (
  name: string,
  fallback: number,
  min: number,
  max: number,
  exclusiveMin = false,
) => {
  const range = `${exclusiveMin ? '(' : '['}${min}, ${max}]`;
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, `${name} must be a decimal number in ${range}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .refine(
            (value) => (exclusiveMin ? value > min : value >= min) && value <= max,
            `${name} must be in ${range}`,
          ),
      )
      .default(fallback),
  );
};

const wholeNumber = (name: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `${name} must be at least ${min}`)
          .max(max, `${name} must be at most ${max}`),
      )
      .default(fallback),
  );

const envSchema = z.object({
  PROCESSED_BUCKET: requiredName('PROCESSED_BUCKET must name the processed-output bucket'),
  IMAGE_TABLE: requiredName('IMAGE_TABLE must name the DynamoDB image table'),
  WATERMARK_TEXT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .max(100, 'WATERMARK_TEXT must be at most 100 characters')
      .default(WATERMARK_DEFAULTS.text),
  ),
  WATERMARK_LOGO_KEY: z.preprocess(unsetIfEmpty, z.string().trim().optional()),
  WATERMARK_POSITION: z.preprocess(
    unsetIfEmpty,
    z
      .enum(WATERMARK_POSITIONS, {
        error: `WATERMARK_POSITION must be one of ${WATERMARK_POSITIONS.join(', ')}`,
      })
      .default(WATERMARK_DEFAULTS.position),
  ),
  WATERMARK_OPACITY: decimal('WATERMARK_OPACITY', WATERMARK_DEFAULTS.opacity, 0, 1, true),
  WATERMARK_SCALE: decimal('WATERMARK_SCALE', WATERMARK_DEFAULTS.scale, 0, 1, true),
  WATERMARK_MARGIN: decimal('WATERMARK_MARGIN', WATERMARK_DEFAULTS.margin, 0, 0.25),
  WATERMARK_MAX_COVERAGE: decimal(
    'WATERMARK_MAX_COVERAGE',
    WATERMARK_DEFAULTS.maxCoverage,
    0,
    1,
    true,
  ),
  WATERMARK_BOX: wholeNumber('WATERMARK_BOX', WATERMARK_DEFAULTS.box, 16, 8192),
  WATERMARK_MAX_ANIMATION_FRAMES: wholeNumber(
    'WATERMARK_MAX_ANIMATION_FRAMES',
    WATERMARK_DEFAULTS.maxAnimationFrames,
    1,
    10_000,
  ),
  WATERMARK_CACHE_CONTROL: z.preprocess(unsetIfEmpty, z.string().default(OUTPUT_CACHE_CONTROL)),
});

/**
 * Reads and validates the environment; a missing or bad setting fails the cold start
 * with a message naming it, instead of failing every record later. `WATERMARK_TEXT=none`
 * leaves the text out, `WATERMARK_LOGO_KEY=none` the logo; an unset logo key means the
 * bundled logo.
 *
 * @example
 * const config = loadWatermarkConfig(process.env);
 * config.options.position; // 'bottom-right' unless WATERMARK_POSITION says otherwise
 */
export function loadWatermarkConfig(env: NodeJS.ProcessEnv): WatermarkConfig {
  const data = readServiceConfig('watermark-service', envSchema, env);
  const mark: MarkSource = {
    text: data.WATERMARK_TEXT.toLowerCase() === NONE ? undefined : data.WATERMARK_TEXT,
    logo: logoSource(data.WATERMARK_LOGO_KEY),
  };
  if (mark.text === undefined && mark.logo.kind === 'none') {
    throw new Error(
      'watermark-service configuration: WATERMARK_TEXT and WATERMARK_LOGO_KEY are both "none"; a watermark needs one',
    );
  }
  const position: WatermarkPosition = data.WATERMARK_POSITION;
  return {
    processedBucket: data.PROCESSED_BUCKET,
    tableName: data.IMAGE_TABLE,
    limits: limitsFromEnv(env),
    maxConcurrentImages: maxConcurrentImagesFromEnv(env, DEFAULT_MAX_CONCURRENT_IMAGES),
    cacheControl: data.WATERMARK_CACHE_CONTROL,
    mark,
    options: {
      position,
      opacity: data.WATERMARK_OPACITY,
      scale: data.WATERMARK_SCALE,
      margin: data.WATERMARK_MARGIN,
      maxCoverage: data.WATERMARK_MAX_COVERAGE,
      box: data.WATERMARK_BOX,
      maxAnimationFrames: data.WATERMARK_MAX_ANIMATION_FRAMES,
    },
  };
}

function logoSource(key: string | undefined): LogoSource {
  if (key === undefined) return { kind: 'bundled' };
  if (key.toLowerCase() === NONE) return { kind: 'none' };
  // The function may read only this prefix of the processed bucket (the registry's grant).
  if (!key.startsWith(WATERMARK_ASSET_PREFIX) || key.length === WATERMARK_ASSET_PREFIX.length) {
    throw new Error(
      `watermark-service configuration: WATERMARK_LOGO_KEY must be a key under ${WATERMARK_ASSET_PREFIX} in the processed bucket (the only prefix the service may read), got ${JSON.stringify(key)}`,
    );
  }
  return { kind: 'object', key };
}
