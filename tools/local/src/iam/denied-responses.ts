import { randomUUID } from 'node:crypto';

/** How the gateway answers a refused request, as the real service would. */
export interface DeniedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The refusals the gateway gives. */
export type DenialKind = 'access-denied' | 'unknown-key' | 'unsigned';

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CODES: Readonly<Record<'s3' | 'sns' | 'json', Readonly<Record<DenialKind, string>>>> = {
  s3: {
    'access-denied': 'AccessDenied',
    'unknown-key': 'InvalidAccessKeyId',
    unsigned: 'AccessDenied',
  },
  sns: {
    'access-denied': 'AuthorizationError',
    'unknown-key': 'InvalidClientTokenId',
    unsigned: 'MissingAuthenticationToken',
  },
  json: {
    'access-denied': 'AccessDeniedException',
    'unknown-key': 'UnrecognizedClientException',
    unsigned: 'MissingAuthenticationTokenException',
  },
};

/**
 * The error S3 answers with: 403 and its XML error document.
 *
 * @example
 * s3Denied('access-denied', 'User: … is not authorized to perform: s3:PutObject …');
 */
export function s3Denied(kind: DenialKind, message: string): DeniedResponse {
  const requestId = randomUUID();
  return {
    status: 403,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${CODES.s3[kind]}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

/**
 * The error SNS (query protocol) answers with: 403 and an `ErrorResponse` document.
 *
 * @example
 * snsDenied('access-denied', 'User: … is not authorized to perform: sns:Publish …');
 */
export function snsDenied(kind: DenialKind, message: string): DeniedResponse {
  const requestId = randomUUID();
  return {
    status: 403,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${CODES.sns[kind]}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/**
 * The error an AWS JSON protocol service answers with: DynamoDB 400 with
 * `AccessDeniedException`; SQS the same shape plus its query-compatible code `AccessDenied`
 * (what the SDK names the error), with 403.
 *
 * @example
 * jsonDenied('dynamodb', 'access-denied', 'User: … is not authorized to perform: dynamodb:GetItem …');
 */
export function jsonDenied(
  service: 'sqs' | 'dynamodb',
  kind: DenialKind,
  message: string,
): DeniedResponse {
  const code = CODES.json[kind];
  const queryCode = kind === 'access-denied' ? 'AccessDenied' : code.replace(/Exception$/, '');
  return {
    status: service === 'sqs' ? 403 : 400,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
      ...(service === 'sqs' ? { 'x-amzn-query-error': `${queryCode};Sender` } : {}),
    },
    body: JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message, Message: message }),
  };
}
