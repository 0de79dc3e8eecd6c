import { randomUUID } from 'node:crypto';
import type { S3PutFailureStatus } from './fault-spec';
import { S3_PUT_FAILURES } from './fault-spec';

/** An answer the gateway sends instead of forwarding the request. */
export interface InjectedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * S3's answer when it fails a write: 500 `InternalError` or 503 `SlowDown`, with its XML
 * error document (the SDK retries both, SlowDown as throttling).
 *
 * @example
 * s3PutFailure(503).body; // '<?xml …?>\n<Error><Code>SlowDown</Code>…'
 */
export function s3PutFailure(status: S3PutFailureStatus): InjectedResponse {
  const requestId = randomUUID();
  const { code, message } = S3_PUT_FAILURES[status];
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

/**
 * DynamoDB's answer when a table's throughput is exceeded: 400 and the JSON error whose
 * `__type` the SDK turns into `ProvisionedThroughputExceededException` (retried as throttling).
 *
 * @example
 * dynamoDbThrottled().status; // 400
 */
export function dynamoDbThrottled(): InjectedResponse {
  const message =
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
  return {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message,
    }),
  };
}
