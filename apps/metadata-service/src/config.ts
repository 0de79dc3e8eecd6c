import { maxConcurrentImagesFromEnv } from '@imgpipe/dlq';
import type { ImageLimits } from '@imgpipe/imaging';
import { readServiceConfig, requiredName, serviceNamed } from '@imgpipe/registry';
import { limitsFromEnv } from '@imgpipe/imaging';
import * as z from 'zod';

/** The metadata service's settings, read once at cold start. */
export interface MetadataConfig {
  readonly tableName: string;
  readonly limits: ImageLimits;
  /** Images read at once by one function instance (`MAX_CONCURRENT_IMAGES`). */
  readonly maxConcurrentImages: number;
}

/** Images worked on at once unless `MAX_CONCURRENT_IMAGES` says otherwise (the registry's rule). */
export const DEFAULT_MAX_CONCURRENT_IMAGES = serviceNamed('metadata').maxConcurrentImages;

const envSchema = z.object({
  IMAGE_TABLE: requiredName('IMAGE_TABLE must name the DynamoDB image table'),
});

/**
 * Reads and validates the environment; a missing or bad setting fails the cold start
 * with a message naming it, instead of failing every record later.
 *
 * @example
 * const config = loadMetadataConfig(process.env);
 */
export function loadMetadataConfig(env: NodeJS.ProcessEnv): MetadataConfig {
  const data = readServiceConfig('metadata-service', envSchema, env);
  return {
    tableName: data.IMAGE_TABLE,
    limits: limitsFromEnv(env),
    maxConcurrentImages: maxConcurrentImagesFromEnv(env, DEFAULT_MAX_CONCURRENT_IMAGES),
  };
}
