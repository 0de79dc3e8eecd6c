import type { AuthorizationRequest } from './policy-check';

/** Where ARNs of a request point: the caller's region, the local account. */
export interface ArnScope {
  readonly region: string;
  readonly account: string;
}

type Fields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** SQS batch operations are authorized as their single-message action. */
const SQS_BATCH_ACTIONS: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * The IAM question an SQS request asks: `sqs:<Operation>` (batches as their single
 * action) on the queue its `QueueUrl` (or `QueueName`) names.
 *
 * @example
 * sqsAuthorization('ReceiveMessage', { QueueUrl: 'http://127.0.0.1:4566/000000000000/imgpipe-resize' }, scope);
 * // [{ action: 'sqs:ReceiveMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-resize' }]
 */
export function sqsAuthorization(
  operation: string,
  fields: Fields,
  scope: ArnScope,
): AuthorizationRequest[] {
  const action = `sqs:${SQS_BATCH_ACTIONS[operation] ?? operation}`;
  const url = text(fields['QueueUrl']);
  const name = url?.split('/').filter(Boolean).pop() ?? text(fields['QueueName']);
  const resource =
    name === undefined ? '*' : `arn:aws:sqs:${scope.region}:${scope.account}:${name}`;
  return [{ action, resource }];
}

/**
 * The IAM question an SNS request asks: `sns:<Action>` on the topic it names
 * (`TopicArn`, `TargetArn`, the topic of a `SubscriptionArn`, or `Name` for CreateTopic).
 *
 * @example
 * snsAuthorization('Publish', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:imgpipe-uploads' }, scope);
 */
export function snsAuthorization(
  operation: string,
  fields: Fields,
  scope: ArnScope,
): AuthorizationRequest[] {
  const subscription = text(fields['SubscriptionArn']);
  const name = text(fields['Name']);
  const resource =
    text(fields['TopicArn']) ??
    text(fields['TargetArn']) ??
    (subscription ? subscription.split(':').slice(0, 6).join(':') : undefined) ??
    (name ? `arn:aws:sns:${scope.region}:${scope.account}:${name}` : '*');
  return [{ action: `sns:${operation}`, resource }];
}

/**
 * The IAM questions a DynamoDB request asks: `dynamodb:<Operation>` on the table (or
 * `table/<name>/index/<index>` for a Query or Scan of an index); batch operations once per
 * table they touch.
 *
 * @example
 * dynamoDbAuthorization('GetItem', { TableName: 'imgpipe-images' }, scope);
 * // [{ action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/imgpipe-images' }]
 */
export function dynamoDbAuthorization(
  operation: string,
  fields: Fields,
  scope: ArnScope,
): AuthorizationRequest[] {
  const action = `dynamodb:${operation}`;
  const tableArn = (table: string) =>
    `arn:aws:dynamodb:${scope.region}:${scope.account}:table/${table}`;
  const items = fields['RequestItems'];
  if (typeof items === 'object' && items !== null) {
    return Object.keys(items).map((table) => ({ action, resource: tableArn(table) }));
  }
  const table = text(fields['TableName']);
  if (table === undefined) return [{ action, resource: '*' }];
  const index = text(fields['IndexName']);
  return [{ action, resource: index ? `${tableArn(table)}/index/${index}` : tableArn(table) }];
}
