import * as z from 'zod';

/**
 * One way every service reads its environment: a zod schema validated once at cold
 * start, failing with every bad setting named, instead of failing each request later.
 */

// An unset or empty variable keeps its default, as for the MAX_* limits.
const unsetIfEmpty = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * A required resource name (bucket, table): at least 3 characters, as AWS requires.
 *
 * @example
 * z.object({ IMAGE_TABLE: requiredName('IMAGE_TABLE must name the DynamoDB image table') });
 */
export function requiredName(message: string) {
  return z.string({ error: message }).min(3, message);
}

/**
 * An optional whole number between `min` and `max`; unset or empty gives `fallback`.
 *
 * @example
 * z.object({ UPLOAD_EXPIRES_SECONDS: wholeNumber('UPLOAD_EXPIRES_SECONDS', 1, 3600, 300) });
 */
export function wholeNumber(name: string, min: number, max: number, fallback: number) {
  return z.preprocess(
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
      .default(fallback),
  );
}

/**
 * An optional comma-separated list, trimmed; unset or empty gives `fallback`.
 *
 * @example
 * z.object({ CORS_ALLOWED_ORIGINS: commaList('CORS_ALLOWED_ORIGINS', []) });
 */
export function commaList(name: string, fallback: readonly string[]) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((text) => text.split(',').map((item) => item.trim()))
      .refine((items) => items.every((item) => item !== ''), `${name} has an empty entry`)
      .default([...fallback]),
  );
}

/**
 * Validates `env` against `schema`.
 *
 * @throws Error `<project> configuration: <every problem>` when a setting is missing or bad.
 * @example
 * const env = readServiceConfig('upload-api', schema, process.env);
 */
export function readServiceConfig<Schema extends z.ZodType>(
  project: string,
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `${project} configuration: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return parsed.data;
}
