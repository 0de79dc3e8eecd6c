import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalPrincipal } from './local-principals';
import type { PolicyCheck } from './policy-check';
import { fileEnd, formBoundary, formHead } from './s3-post-form';
import { checkPostFileSize, verifyPostForm } from './s3-post-policy';
import { s3ErrorXml } from './s3-post-policy-errors';
import type { VerifiedPost } from './s3-post-policy';
import type { S3ErrorAnswer } from './s3-post-policy-errors';

/** What checking a POST upload needs. */
export interface PostUploadDeps {
  readonly principalOf: (accessKeyId: string) => LocalPrincipal | undefined;
  readonly policy: PolicyCheck;
  readonly now: () => Date;
}

/** A POST upload to forward as received, or S3's refusal of it. */
export type PostUploadOutcome =
  | { readonly ok: true; readonly body: Buffer; readonly key: string }
  | { readonly ok: false; readonly error: S3ErrorAnswer; readonly log: string };

// S3 refuses form fields before the file that add up to more than 20 KB.
const MAX_PRE_DATA = 20 * 1024;

const refused = (error: S3ErrorAnswer, log: string): PostUploadOutcome => ({
  ok: false,
  error,
  log,
});

const MALFORMED: S3ErrorAnswer = {
  status: 400,
  code: 'MalformedPOSTRequest',
  message: 'The body of your POST request is not well-formed multipart/form-data.',
};

/**
 * Whether a request is a browser-form upload (POST Object): a multipart POST to a bucket.
 *
 * @example
 * isPostUpload('POST', '/imgpipe-source', { 'content-type': 'multipart/form-data; boundary=x' }); // true
 */
export function isPostUpload(
  method: string | undefined,
  url: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  const contentType = headers['content-type'];
  return (
    method === 'POST' &&
    /^\/[^/?]+\/?$/.test(url) &&
    formBoundary(typeof contentType === 'string' ? contentType : undefined) !== undefined
  );
}

/**
 * Reads a POST upload and holds it to its policy before anything reaches the bucket: the
 * signature, expiry and conditions once the fields before the file have arrived, the file's
 * size against `content-length-range` as it streams (an oversized file is never kept), and
 * the signer's `s3:PutObject` on the key. A refused upload is read to its end and dropped,
 * so the client always gets the answer.
 *
 * @example
 * const outcome = await readPostUpload(req, 'imgpipe-source', deps);
 * if (outcome.ok) forward(outcome.body);
 */
export async function readPostUpload(
  req: IncomingMessage,
  bucket: string,
  deps: PostUploadDeps,
): Promise<PostUploadOutcome> {
  const header = req.headers['content-type'];
  const boundary = formBoundary(typeof header === 'string' ? header : undefined) ?? '';
  const trailer = boundary.length + 8; // \r\n--<boundary>--\r\n
  const chunks: Buffer[] = [];
  let received = 0;
  let verdict: { post: VerifiedPost; fileStart: number } | undefined;
  let refusal: PostUploadOutcome | undefined;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (refusal !== undefined) continue;
    chunks.push(chunk);
    if (verdict === undefined) {
      const head = formHead(Buffer.concat(chunks), boundary);
      if (head === 'incomplete') {
        if (received > MAX_PRE_DATA + trailer) {
          refusal = refused(
            {
              status: 400,
              code: 'MaxPostPreDataLengthExceeded',
              message: 'Your POST request fields preceding the upload file were too large.',
            },
            'fields before the file over 20 KB',
          );
        }
        continue;
      }
      if (head === 'malformed' || head === 'no-file') {
        refusal = refused(
          head === 'no-file'
            ? {
                status: 400,
                code: 'InvalidArgument',
                message: 'POST requires exactly one file upload per request.',
              }
            : MALFORMED,
          `a ${head} form`,
        );
        continue;
      }
      const checked = verifyPostForm(
        head.fields,
        bucket,
        head.fileName,
        deps.now(),
        (id) => deps.principalOf(id)?.secretAccessKey,
      );
      if (!checked.ok) {
        refusal = refused(checked.error, checked.error.message);
        continue;
      }
      verdict = { post: checked.post, fileStart: head.fileStart };
    }
    if (received - verdict.fileStart > verdict.post.maxBytes + trailer) {
      chunks.length = 0; // Never keep more of an oversized file than its limit.
      refusal = refused(
        checkPostFileSize(verdict.post, verdict.post.maxBytes + 1) ?? MALFORMED,
        `file over ${verdict.post.maxBytes} bytes`,
      );
    }
  }
  if (refusal !== undefined) {
    if (refusal.ok || verdict === undefined || refusal.error.code !== 'EntityTooLarge')
      return refusal;
    // The whole body has now been counted: report the size actually proposed.
    return refused(
      checkPostFileSize(verdict.post, received - verdict.fileStart - trailer) ?? refusal.error,
      refusal.log,
    );
  }
  if (verdict === undefined) return refused(MALFORMED, 'a form that ended early');
  const body = Buffer.concat(chunks);
  const end = fileEnd(body, boundary, verdict.fileStart);
  if (end < 0) return refused(MALFORMED, 'a file part without its closing boundary');
  const sizeError = checkPostFileSize(verdict.post, end - verdict.fileStart);
  if (sizeError !== undefined) return refused(sizeError, sizeError.message);
  const { key, accessKeyId } = verdict.post;
  const principal = deps.principalOf(accessKeyId);
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  const decision = principal
    ? await deps.policy.decide(principal, { action: 's3:PutObject', resource })
    : { allowed: false as const, message: 'unknown signer' };
  if (!decision.allowed) {
    return refused(
      { status: 403, code: 'AccessDenied', message: decision.message },
      `iam: denied ${principal?.name ?? accessKeyId} s3:PutObject on ${resource} (POST upload)`,
    );
  }
  return { ok: true, body, key };
}

/**
 * Answers a POST upload: forwards it to the emulator when its policy holds, else answers
 * with S3's XML error and reports the refusal.
 *
 * @example
 * if (isPostUpload(req.method, url, req.headers)) return answerPostUpload(req, res, deps, log, (body) => forward(req, res, body));
 */
export async function answerPostUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PostUploadDeps,
  onDenied: (line: string) => void,
  forward: (body: Buffer) => void,
): Promise<void> {
  const bucket = decodeURIComponent((req.url ?? '/').split('/')[1] ?? '');
  const outcome = await readPostUpload(req, bucket, deps);
  if (outcome.ok) return forward(outcome.body);
  onDenied(`s3: refused a POST upload to ${bucket}: ${outcome.log}`);
  const requestId = randomUUID();
  res.writeHead(outcome.error.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    // The local source bucket's CORS rule allows POST from any origin; S3 adds its headers
    // to errors too, so the page can show why an upload was refused.
    ...(req.headers.origin === undefined ? {} : { 'access-control-allow-origin': '*' }),
  });
  res.end(s3ErrorXml(outcome.error, requestId));
}
