import type { ImageLimits } from '@imgpipe/imaging';
import { limitsFromEnv } from '@imgpipe/imaging';
import { z } from 'zod';

/** The metadata service's settings, read once at cold start. */
export interface MetadataConfig {
  readonly tableName: string;
  readonly limits: ImageLimits;
}

const envSchema = z.object({
  IMAGE_TABLE: z.string().min(3, 'IMAGE_TABLE must name the DynamoDB image table'),
});

/**
 * Reads and validates the environment; a missing or bad setting fails the cold start
 * with a message naming it, instead of failing every record later.
 *
 * @example
 * const config = loadMetadataConfig(process.env);
 */
export function loadMetadataConfig(env: NodeJS.ProcessEnv): MetadataConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`metadata-service configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { tableName: parsed.data.IMAGE_TABLE, limits: limitsFromEnv(env) };
}
