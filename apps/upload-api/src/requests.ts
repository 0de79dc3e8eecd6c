import { UPLOAD_CONTENT_TYPES, UPLOAD_SETTINGS } from '@imgpipe/registry';
import type { UploadContentType } from '@imgpipe/registry';
import * as z from 'zod';

const CONTENT_TYPES = Object.keys(UPLOAD_CONTENT_TYPES) as [
  UploadContentType,
  ...UploadContentType[],
];

/** `POST /uploads`: the files the caller is about to send. */
export const uploadRequestSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        /** The file's own name; only its extension is kept. */
        name: z.string().min(1).max(255),
        contentType: z.enum(CONTENT_TYPES, {
          error: `contentType must be one of ${CONTENT_TYPES.join(', ')}`,
        }),
        /** Optional: lets the API refuse an oversized file before it is sent. */
        size: z.number().int().positive().optional(),
      }),
    )
    .min(1, 'files must name at least one file')
    .max(
      UPLOAD_SETTINGS.maxFilesPerRequest,
      `at most ${UPLOAD_SETTINGS.maxFilesPerRequest} files per request`,
    ),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** `GET /images`: a page of the caller's images. */
export const listQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(4096).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'limit must be at least 1')
        .max(UPLOAD_SETTINGS.maxPageSize, `limit must be at most ${UPLOAD_SETTINGS.maxPageSize}`),
    )
    .optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** A request that failed validation, with every problem in one message. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Validates input against a schema, joining every problem into one readable message.
 *
 * @example
 * parseInput(uploadRequestSchema, JSON.parse(body));
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: parsed.error.issues
      .map((issue) =>
        issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; '),
  };
}

/**
 * The JSON body of a request (API Gateway base64-encodes it when it is not text).
 *
 * @example
 * jsonBody({ body: '{"files":[]}', isBase64Encoded: false }); // { ok: true, value: { files: [] } }
 */
export function jsonBody(event: {
  readonly body?: string | undefined;
  readonly isBase64Encoded?: boolean;
}): Parsed<unknown> {
  if (event.body === undefined || event.body === '') {
    return { ok: false, message: 'a JSON body is required' };
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
}
