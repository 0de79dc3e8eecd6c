import type { AuthorizationRequest } from './policy-check';

/** What an S3 request asks IAM, and what a 404 answer to it needs besides. */
export interface S3Authorization {
  readonly checks: readonly AuthorizationRequest[];
  /** S3 reveals "no such key" only to a caller who may list the bucket; others get 403. */
  readonly notFoundNeeds?: AuthorizationRequest;
}

/** Sub-resources that turn a bucket request into its own action (`?cors` → `…BucketCORS`). */
const BUCKET_SUBRESOURCES: Readonly<Record<string, string>> = {
  acl: 'BucketAcl',
  cors: 'BucketCORS',
  lifecycle: 'LifecycleConfiguration',
  notification: 'BucketNotification',
  policy: 'BucketPolicy',
  tagging: 'BucketTagging',
  versioning: 'BucketVersioning',
  website: 'BucketWebsite',
};

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

function bucketRequest(method: string, bucket: string, query: URLSearchParams): S3Authorization {
  const resource = bucketArn(bucket);
  const sub = Object.keys(BUCKET_SUBRESOURCES).find((name) => query.has(name));
  if (sub !== undefined) {
    const verb = method === 'GET' ? 'Get' : method === 'DELETE' ? 'Delete' : 'Put';
    // S3 spells two of these without "Bucket" in the action name.
    const name = BUCKET_SUBRESOURCES[sub] ?? sub;
    return { checks: [{ action: `s3:${verb}${name}`, resource }] };
  }
  if (method === 'GET' && query.has('location')) {
    return { checks: [{ action: 's3:GetBucketLocation', resource }] };
  }
  if (method === 'GET' && query.has('uploads')) {
    return { checks: [{ action: 's3:ListBucketMultipartUploads', resource }] };
  }
  if (method === 'GET' && query.has('versions')) {
    return { checks: [{ action: 's3:ListBucketVersions', resource }] };
  }
  if (method === 'GET' || method === 'HEAD') {
    const prefix = query.get('prefix');
    return {
      checks: [
        {
          action: 's3:ListBucket',
          resource,
          ...(prefix === null ? {} : { context: { 's3:prefix': prefix } }),
        },
      ],
    };
  }
  if (method === 'PUT') return { checks: [{ action: 's3:CreateBucket', resource }] };
  if (method === 'DELETE') return { checks: [{ action: 's3:DeleteBucket', resource }] };
  return { checks: [{ action: `s3:${method}Bucket`, resource }] };
}

function copySource(header: string): { bucket: string; key: string } | undefined {
  const path = decodeURIComponent(header.split('?')[0] ?? '').replace(/^\//, '');
  const slash = path.indexOf('/');
  return slash <= 0 ? undefined : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

function objectRequest(
  method: string,
  bucket: string,
  key: string,
  query: URLSearchParams,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): S3Authorization {
  const resource = objectArn(bucket, key);
  const one = (action: string): S3Authorization => ({ checks: [{ action, resource }] });
  if (method === 'GET' || method === 'HEAD') {
    if (query.has('uploadId')) return one('s3:ListMultipartUploadParts');
    if (query.has('acl')) return one('s3:GetObjectAcl');
    if (query.has('tagging')) return one('s3:GetObjectTagging');
    return {
      checks: [{ action: 's3:GetObject', resource }],
      notFoundNeeds: { action: 's3:ListBucket', resource: bucketArn(bucket) },
    };
  }
  if (method === 'PUT') {
    if (query.has('acl')) return one('s3:PutObjectAcl');
    if (query.has('tagging')) return one('s3:PutObjectTagging');
    const header = headers['x-amz-copy-source'];
    const source = typeof header === 'string' ? copySource(header) : undefined;
    return {
      checks: [
        { action: 's3:PutObject', resource },
        ...(source
          ? [{ action: 's3:GetObject', resource: objectArn(source.bucket, source.key) }]
          : []),
      ],
    };
  }
  if (method === 'POST') {
    // CreateMultipartUpload (?uploads) and CompleteMultipartUpload (?uploadId) are PutObject.
    if (query.has('uploads') || query.has('uploadId')) return one('s3:PutObject');
    if (query.has('restore')) return one('s3:RestoreObject');
    return one('s3:PutObject');
  }
  if (method === 'DELETE') {
    if (query.has('uploadId')) return one('s3:AbortMultipartUpload');
    if (query.has('tagging')) return one('s3:DeleteObjectTagging');
    return one('s3:DeleteObject');
  }
  return one(`s3:${method}Object`);
}

/** The keys of a multi-object delete's XML body. */
function deletedKeys(body: string): string[] {
  return [...body.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/**
 * The IAM questions a path-style S3 request asks, as S3 maps operations to actions:
 * HEAD/GET object → `s3:GetObject` (a 404 also needs `s3:ListBucket`), PUT → `s3:PutObject`
 * (a copy also `s3:GetObject` on its source), multipart steps → `s3:PutObject`, a listing
 * → `s3:ListBucket` with `s3:prefix`, a multi-object delete → `s3:DeleteObject` per key.
 *
 * @example
 * s3Authorization('PUT', '/imgpipe-processed/resized/a.jpg/320w.webp', {});
 * // { checks: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::imgpipe-processed/resized/a.jpg/320w.webp' }] }
 */
export function s3Authorization(
  method: string,
  url: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body?: string,
): S3Authorization {
  const question = url.indexOf('?');
  const path = question < 0 ? url : url.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
  const [rawBucket = '', ...rawKey] = path.replace(/^\//, '').split('/');
  const bucket = decodeURIComponent(rawBucket);
  const key = rawKey.map((segment) => decodeURIComponent(segment)).join('/');
  if (bucket === '') return { checks: [{ action: 's3:ListAllMyBuckets', resource: '*' }] };
  if (method === 'POST' && key === '' && query.has('delete')) {
    return {
      checks: deletedKeys(body ?? '').map((deleted) => ({
        action: 's3:DeleteObject',
        resource: objectArn(bucket, deleted),
      })),
    };
  }
  return key === ''
    ? bucketRequest(method, bucket, query)
    : objectRequest(method, bucket, key, query, headers);
}
