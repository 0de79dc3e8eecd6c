import { z } from 'zod';

/**
 * Per-stage settings of the HTTP services that differ by account rather than by code: who
 * may call them and from which web origins. They live in `infra/cdk.json` (context key
 * {@link HTTP_SETTINGS_CONTEXT}), so a change is reviewed, is an Nx input of every synth,
 * and is the same for `npm run synth`, CI and a deploy by hand.
 *
 * ```json
 * "imgpipe:http-services": {
 *   "prod": {
 *     "upload-api": {
 *       "auth": { "type": "jwt", "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", "audience": ["<client id>"] },
 *       "corsOrigins": ["https://images.example.com"]
 *     }
 *   }
 * }
 * ```
 */
export const HTTP_SETTINGS_CONTEXT = 'imgpipe:http-services';

const authSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('jwt'),
    // API Gateway fetches `<issuer>/.well-known/openid-configuration`, so it must be https.
    issuer: z.url({ protocol: /^https$/, error: 'auth.issuer must be an https URL' }),
    audience: z.array(z.string().min(1)).min(1, 'auth.audience needs at least one value'),
  }),
  z.object({ type: z.literal('iam') }),
]);

const origin = z
  .string()
  .refine(
    (value) => value === '*' || /^https?:\/\/[^/]+$/.test(value),
    'corsOrigins entries are `*` or scheme://host[:port] with no path',
  );

const serviceSettingsSchema = z.strictObject({
  auth: authSchema,
  corsOrigins: z.array(origin).default([]),
});

/** How callers authenticate: a JWT from an OIDC issuer, or SigV4-signed IAM principals. */
export type HttpAuth = z.output<typeof authSchema>;
export type HttpServiceSettings = z.output<typeof serviceSettingsSchema>;

/**
 * What a stage gets when `cdk.json` says nothing about a service: IAM authorization, which
 * admits only signed callers this account allows `execute-api:Invoke`, and no CORS. A JWT
 * authorizer cannot be defaulted (its issuer is the account's own identity provider), and an
 * open API is never a default.
 */
export const DEFAULT_HTTP_SETTINGS: HttpServiceSettings = Object.freeze({
  auth: { type: 'iam' },
  corsOrigins: [],
});

/**
 * The settings of one HTTP service in one stage, read from the CDK context value.
 *
 * @throws Error naming the stage, the service and every bad field.
 * @example
 * readHttpSettings(app.node.tryGetContext(HTTP_SETTINGS_CONTEXT), 'prod', 'upload-api').auth.type;
 */
export function readHttpSettings(
  context: unknown,
  stage: string,
  project: string,
): HttpServiceSettings {
  const raw = z.record(z.string(), z.record(z.string(), z.unknown())).optional().parse(context)?.[
    stage
  ]?.[project];
  if (raw === undefined) return DEFAULT_HTTP_SETTINGS;
  const parsed = serviceSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(
      `${HTTP_SETTINGS_CONTEXT}.${stage}.${project} in infra/cdk.json: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
