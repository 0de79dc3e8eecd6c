/** The SigV4 credential scope a request was signed with. */
export interface RequestCredential {
  readonly accessKeyId: string;
  readonly region: string;
  /** The signing name: `s3`, `sqs`, `sns`, `dynamodb`. */
  readonly service: string;
}

const SCOPE = /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Reads who signed a request: the `Credential=` of a SigV4 `Authorization` header, or the
 * `X-Amz-Credential` of a presigned URL. `undefined` for an unsigned request.
 *
 * @example
 * requestCredential({ authorization: 'AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request, …' }, '/b/k');
 * // { accessKeyId: 'AK', region: 'us-east-1', service: 's3' }
 */
export function requestCredential(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  url: string,
): RequestCredential | undefined {
  const authorization = headers['authorization'];
  let scope: string | undefined;
  if (typeof authorization === 'string') {
    scope = /Credential=([^,\s]+)/.exec(authorization)?.[1];
  } else {
    const question = url.indexOf('?');
    scope =
      question < 0
        ? undefined
        : (new URLSearchParams(url.slice(question + 1)).get('X-Amz-Credential') ?? undefined);
  }
  const match = scope === undefined ? null : SCOPE.exec(scope);
  if (!match) return undefined;
  const [, accessKeyId = '', region = '', service = ''] = match;
  return { accessKeyId, region, service };
}
