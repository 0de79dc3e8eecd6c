import type { IncomingHttpHeaders } from 'node:http';

/** What the gateways tell the fault controller about a request they are about to forward. */
export type GatewayCall =
  | { readonly service: 's3'; readonly principal: string; readonly putObject: S3Object | undefined }
  | { readonly service: 'dynamodb'; readonly principal: string; readonly operation: string }
  | { readonly service: 'sns' | 'sqs'; readonly principal: string };

/** An object a request names. */
export interface S3Object {
  readonly bucket: string;
  readonly key: string;
}

/** Sub-resources whose PUT is another operation (UploadPart, PutObjectAcl, …), not PutObject. */
const NOT_PUT_OBJECT = ['partNumber', 'uploadId', 'uploads', 'acl', 'tagging', 'retention'];

/**
 * The object a path-style S3 request writes with `PutObject`, or `undefined` for any other
 * operation: a copy (`x-amz-copy-source`), a multipart step or a sub-resource PUT is not
 * PutObject, and neither is a bucket-level PUT.
 *
 * @example
 * putObjectTarget('PUT', '/imgpipe-processed/resized/a%20b.jpg/320w.webp', {});
 * // { bucket: 'imgpipe-processed', key: 'resized/a b.jpg/320w.webp' }
 */
export function putObjectTarget(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
): S3Object | undefined {
  if (method !== 'PUT' || headers['x-amz-copy-source'] !== undefined) return undefined;
  const question = url.indexOf('?');
  const path = question < 0 ? url : url.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
  if (NOT_PUT_OBJECT.some((name) => query.has(name))) return undefined;
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  const [, bucket = '', key = ''] = match;
  try {
    return { bucket: decodeURIComponent(bucket), key: decodeURIComponent(key) };
  } catch {
    return undefined;
  }
}

/**
 * The DynamoDB operation an AWS JSON request calls, from its `X-Amz-Target`.
 *
 * @example
 * dynamoDbOperation({ 'x-amz-target': 'DynamoDB_20120810.UpdateItem' }); // 'UpdateItem'
 */
export function dynamoDbOperation(headers: IncomingHttpHeaders): string {
  const target = headers['x-amz-target'];
  return typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
}

/**
 * What the fault controller needs to know of a request a gateway is about to forward.
 *
 * @example
 * gatewayCall('dynamodb', 'resize-service', 'POST', '/', { 'x-amz-target': 'DynamoDB_20120810.GetItem' });
 * // { service: 'dynamodb', principal: 'resize-service', operation: 'GetItem' }
 */
export function gatewayCall(
  protocol: GatewayCall['service'],
  principal: string,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
): GatewayCall {
  if (protocol === 's3')
    return { service: 's3', principal, putObject: putObjectTarget(method, url, headers) };
  if (protocol === 'dynamodb')
    return { service: 'dynamodb', principal, operation: dynamoDbOperation(headers) };
  return { service: protocol, principal };
}
