import type { Grant } from './grants';

/**
 * What the `imgpipe` command line needs, for the people who run it: the policy to attach
 * to an operator's role on AWS, and the policy the local stack holds its calls to.
 */
export const OPERATOR_GRANTS: readonly Grant[] = [
  {
    sid: 'UploadAndInspectSources',
    actions: ['s3:PutObject', 's3:GetObject'],
    resources: [{ kind: 'bucket', bucket: 'source', keys: '*' }],
    why: '`imgpipe upload` puts (multipart for large files); `status` and `reprocess` read object facts.',
  },
  {
    sid: 'DeleteSources',
    actions: ['s3:DeleteObject'],
    resources: [{ kind: 'bucket', bucket: 'source', keys: '*' }],
    why: '`imgpipe delete` removes source objects; S3 then notifies the pipeline, and each service removes what it made of them.',
  },
  {
    sid: 'ListSources',
    actions: ['s3:ListBucket'],
    resources: [{ kind: 'bucket', bucket: 'source' }],
    why: 'A missing key answers 404 rather than 403, so `status` can say it is gone.',
  },
  {
    sid: 'ReadOutputs',
    actions: ['s3:GetObject'],
    resources: [{ kind: 'bucket', bucket: 'processed', keys: '*' }],
    why: 'To open the renditions and display copy a record names.',
  },
  {
    sid: 'ReadImageRecords',
    actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
    resources: [{ kind: 'table' }, { kind: 'table', index: '*' }],
    why: '`status` reads one record; listing pages through the table or its byOwner index.',
  },
  {
    sid: 'InspectAndReplayQueues',
    actions: [
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:SendMessage',
      'sqs:StartMessageMoveTask',
      'sqs:ListMessageMoveTasks',
      'sqs:CancelMessageMoveTask',
    ],
    resources: [{ kind: 'queues' }],
    why: '`dlq list` peeks, `dlq replay` moves messages from a DLQ to its queue (on AWS by SQS move task, which checks receive/delete on the DLQ and send on the queue too), `dlq cancel` stops that task, `reprocess` enqueues.',
  },
  {
    sid: 'ReadServiceMetrics',
    actions: ['cloudwatch:GetMetricData'],
    resources: [{ kind: 'any' }],
    why: "`stats --aws` reads the dashboard's numbers; GetMetricData has no resource-level permissions.",
  },
  {
    sid: 'ReadStageParameters',
    actions: ['ssm:GetParameters', 'ssm:GetParameter'],
    resources: [{ kind: 'ssm-parameters' }],
    why: 'Resource names are looked up under /imgpipe/<stage>/ instead of being configured by hand.',
  },
];

/**
 * What S3 event notifications need: on AWS the S3 service publishes under the topic's
 * resource policy; locally the bridge that plays it holds this identity policy.
 */
export const NOTIFIER_GRANTS: readonly Grant[] = [
  {
    sid: 'PublishUploadEvents',
    actions: ['sns:Publish'],
    resources: [{ kind: 'topic' }],
    why: 'S3 ObjectCreated and ObjectRemoved notifications go to the upload topic, and nowhere else.',
  },
  {
    sid: 'ReadUploadedObjectFacts',
    actions: ['s3:GetObject'],
    resources: [{ kind: 'bucket', bucket: 'source', keys: '*' }],
    why: 'The notification carries size and eTag, which the local bridge reads with a HEAD.',
  },
];
