import {
  commaList,
  DEFAULT_IMAGE_LIMITS,
  IMAGE_LIMIT_ENV,
  readServiceConfig,
  requiredName,
  UPLOAD_API_ENV,
  UPLOAD_SETTINGS,
  wholeNumber,
} from '@imgpipe/registry';
import * as z from 'zod';
import type { UploadApiSettings } from './upload-api';

/** upload-api's settings, read once at cold start. */
export interface UploadApiConfig extends UploadApiSettings {
  readonly sourceBucket: string;
  readonly tableName: string;
}

const envSchema = z.object({
  [UPLOAD_API_ENV.sourceBucket]: requiredName('SOURCE_BUCKET must name the uploads bucket'),
  [UPLOAD_API_ENV.processedBucket]: requiredName(
    'PROCESSED_BUCKET must name the processed-output bucket',
  ),
  [UPLOAD_API_ENV.table]: requiredName('IMAGE_TABLE must name the DynamoDB image table'),
  [UPLOAD_API_ENV.corsOrigins]: commaList(UPLOAD_API_ENV.corsOrigins, []),
  // The services' own limit, read from the registry's variable rather than libs/imaging,
  // which would bundle sharp into a function that decodes nothing.
  [IMAGE_LIMIT_ENV.maxBytes]: wholeNumber(
    IMAGE_LIMIT_ENV.maxBytes,
    1,
    Number.MAX_SAFE_INTEGER,
    DEFAULT_IMAGE_LIMITS.maxBytes,
  ),
  // S3 caps a presigned URL at 7 days; an upload link should not live anywhere near that.
  [UPLOAD_API_ENV.uploadExpiresSeconds]: wholeNumber(
    UPLOAD_API_ENV.uploadExpiresSeconds,
    10,
    3600,
    UPLOAD_SETTINGS.uploadExpiresSeconds,
  ),
  [UPLOAD_API_ENV.downloadExpiresSeconds]: wholeNumber(
    UPLOAD_API_ENV.downloadExpiresSeconds,
    10,
    43_200,
    UPLOAD_SETTINGS.downloadExpiresSeconds,
  ),
});

/**
 * Reads and validates the environment; a missing or bad setting fails the cold start with
 * a message naming it. The byte limit is the services' own `MAX_INPUT_BYTES`, so the
 * policy never admits a file the services would refuse as too large.
 *
 * @example
 * const config = loadUploadApiConfig(process.env);
 */
export function loadUploadApiConfig(env: NodeJS.ProcessEnv): UploadApiConfig {
  const data = readServiceConfig('upload-api', envSchema, env);
  return {
    sourceBucket: data.SOURCE_BUCKET,
    processedBucket: data.PROCESSED_BUCKET,
    tableName: data.IMAGE_TABLE,
    corsOrigins: data.CORS_ALLOWED_ORIGINS,
    uploadExpiresSeconds: data.UPLOAD_EXPIRES_SECONDS,
    downloadExpiresSeconds: data.DOWNLOAD_EXPIRES_SECONDS,
    maxBytes: data.MAX_INPUT_BYTES,
    defaultPageSize: UPLOAD_SETTINGS.defaultPageSize,
  };
}
