import { createHmac, timingSafeEqual } from 'node:crypto';
import type { S3ErrorAnswer } from './s3-post-policy-errors';

/**
 * S3's browser-form upload (POST Object) checked as S3 checks it: the policy's SigV4
 * signature with the signer's secret, its expiry, and every condition against the form
 * fields and the file's size. Pure: bytes and fields in, a verdict out.
 */

/** The form fields sent before the file, by lower-cased name (S3 matches names case-insensitively). */
export type PostFields = ReadonlyMap<string, string>;

/** A form that passed every check that needs no file bytes. */
export interface VerifiedPost {
  readonly key: string;
  readonly accessKeyId: string;
  /** From `content-length-range`; S3's own 5 GB ceiling when the policy sets none. */
  readonly minBytes: number;
  readonly maxBytes: number;
}

export type PostVerdict =
  | { readonly ok: true; readonly post: VerifiedPost }
  | { readonly ok: false; readonly error: S3ErrorAnswer };

/** The largest single POST upload S3 accepts. */
export const S3_MAX_POST_BYTES = 5 * 1024 ** 3;

// Fields every POST may carry without a condition naming them.
const UNCONDITIONED = new Set(['policy', 'x-amz-signature', 'file']);

const accessDenied = (message: string): PostVerdict => ({
  ok: false,
  error: { status: 403, code: 'AccessDenied', message },
});
const invalidPolicy = (reason: string): PostVerdict =>
  accessDenied(`Invalid according to Policy: ${reason}`);

/**
 * The SigV4 signature of a POST policy: HMAC-SHA256 of the base64 policy with the key
 * derived from the secret, date, region and service of the credential scope.
 *
 * @example
 * postPolicySignature('secret', '20261127', 'us-east-1', 's3', policyBase64); // 64 hex digits
 */
export function postPolicySignature(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
  policyBase64: string,
): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service),
    'aws4_request',
  );
  return createHmac('sha256', signingKey).update(policyBase64, 'utf8').digest('hex');
}

type Condition = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A condition as S3 quotes it in its error message. */
function quoted(condition: Condition): string {
  const list = Array.isArray(condition)
    ? condition
    : Object.entries(condition).flatMap(([name, value]) => ['eq', `$${name}`, value]);
  return `[${list.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/** The field value a `$name` condition compares, `bucket` being the request's own. */
function valueOf(
  name: string,
  fields: PostFields,
  bucket: string,
  key: string,
): string | undefined {
  const field = name.replace(/^\$/, '').toLowerCase();
  if (field === 'bucket') return bucket;
  if (field === 'key') return key;
  return fields.get(field);
}

function conditionHolds(
  condition: Condition,
  fields: PostFields,
  bucket: string,
  key: string,
): boolean {
  if (!Array.isArray(condition)) {
    const entries = Object.entries(condition);
    return (
      entries.length === 1 &&
      entries.every(([name, value]) => valueOf(name, fields, bucket, key) === value)
    );
  }
  const [operator, name, expected] = condition;
  if (typeof operator !== 'string') return false;
  if (operator.toLowerCase() === 'content-length-range') return true; // checked against the file
  if (typeof name !== 'string' || typeof expected !== 'string') return false;
  const actual = valueOf(name, fields, bucket, key);
  if (actual === undefined) return false;
  if (operator.toLowerCase() === 'eq') return actual === expected;
  if (operator.toLowerCase() === 'starts-with') return actual.startsWith(expected);
  return false;
}

/** The fields a condition covers, lower-cased. */
function namedFields(condition: Condition): string[] {
  if (!Array.isArray(condition)) return Object.keys(condition).map((name) => name.toLowerCase());
  const [, name] = condition;
  return typeof name === 'string' ? [name.replace(/^\$/, '').toLowerCase()] : [];
}

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Checks a POST form's fields (those before the file) against its policy: signed with the
 * secret of the key it names, not expired, every condition met, no field left unconditioned.
 * `${filename}` in the key becomes the file's name, as S3 does.
 *
 * @example
 * const verdict = verifyPostForm(fields, 'imgpipe-source', 'photo.jpg', new Date(), (id) => secrets.get(id));
 * if (!verdict.ok) answer(verdict.error);
 */
export function verifyPostForm(
  fields: PostFields,
  bucket: string,
  fileName: string,
  now: Date,
  secretOf: (accessKeyId: string) => string | undefined,
): PostVerdict {
  const policyBase64 = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (policyBase64 === undefined || signature === undefined || credential === undefined) {
    return accessDenied('Anonymous POST uploads are refused: the form needs a signed policy');
  }
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    return {
      ok: false,
      error: {
        status: 400,
        code: 'InvalidArgument',
        message: 'The x-amz-algorithm field must be AWS4-HMAC-SHA256',
      },
    };
  }
  const scope = CREDENTIAL.exec(credential);
  const [, accessKeyId = '', date = '', region = '', service = ''] = scope ?? [];
  const secret = scope ? secretOf(accessKeyId) : undefined;
  if (secret === undefined) {
    return {
      ok: false,
      error: {
        status: 403,
        code: 'InvalidAccessKeyId',
        message: 'The AWS Access Key Id you provided does not exist in our records.',
      },
    };
  }
  const expected = Buffer.from(postPolicySignature(secret, date, region, service, policyBase64));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      error: {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      },
    };
  }
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    return invalidPolicy('Invalid Policy: Invalid JSON.');
  }
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : NaN;
  if (Number.isNaN(expiration)) return invalidPolicy("Invalid Policy: Invalid 'expiration' value.");
  if (expiration <= now.getTime()) return invalidPolicy('Policy expired.');
  if (!Array.isArray(policy.conditions)) {
    return invalidPolicy("Invalid Policy: Missing required field 'conditions'.");
  }
  const conditions = policy.conditions as Condition[];
  const key = (fields.get('key') ?? '').replace(/\$\{filename\}/g, fileName);
  if (key === '') {
    return {
      ok: false,
      error: {
        status: 400,
        code: 'InvalidArgument',
        message: "Bucket POST must contain a field named 'key'.",
      },
    };
  }
  const failed = conditions.find((condition) => !conditionHolds(condition, fields, bucket, key));
  if (failed !== undefined) return invalidPolicy(`Policy Condition failed: ${quoted(failed)}`);
  const covered = new Set(conditions.flatMap(namedFields));
  const extra = [...fields.keys()].filter(
    (name) => !UNCONDITIONED.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length > 0) return invalidPolicy(`Extra input fields: ${extra.join(', ')}`);
  const ranges = conditions.filter(
    (condition): condition is readonly unknown[] =>
      Array.isArray(condition) && String(condition[0]).toLowerCase() === 'content-length-range',
  );
  return {
    ok: true,
    post: {
      key,
      accessKeyId,
      minBytes: Math.max(0, ...ranges.map((range) => Number(range[1]))),
      maxBytes: Math.min(S3_MAX_POST_BYTES, ...ranges.map((range) => Number(range[2]))),
    },
  };
}

/**
 * The size check of `content-length-range`, answered as S3 answers it.
 *
 * @example
 * checkPostFileSize(post, 60_000_000)?.code; // 'EntityTooLarge'
 */
export function checkPostFileSize(post: VerifiedPost, size: number): S3ErrorAnswer | undefined {
  if (size > post.maxBytes) {
    return {
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: { ProposedSize: String(size), MaxSizeAllowed: String(post.maxBytes) },
    };
  }
  if (size < post.minBytes) {
    return {
      status: 400,
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      details: { ProposedSize: String(size), MinSizeAllowed: String(post.minBytes) },
    };
  }
  return undefined;
}
