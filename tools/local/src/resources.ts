import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { imageTableDefinition } from '@imgpipe/aws';
import type { QueuePair, StackDescription } from '@imgpipe/aws';
import { SERVICE_NAMES } from './cli-options';
import type { ServiceName } from './cli-options';

/** The names of everything the stack creates: the same as the platform stack's on AWS. */
export const RESOURCE_NAMES = {
  sourceBucket: 'imgpipe-source',
  processedBucket: 'imgpipe-processed',
  topic: 'imgpipe-uploads',
  table: 'imgpipe-images',
  queue: (service: ServiceName) => `imgpipe-${service}`,
  dlq: (service: ServiceName) => `imgpipe-${service}-dlq`,
} as const;

/** How the queues behave: the event source mapping's retry rules. */
export interface QueueSettings {
  readonly maxReceiveCount: number;
  /** Each service's queue's visibility timeout. */
  readonly visibilityTimeoutSeconds: Readonly<Record<ServiceName, number>>;
}

/** The clients resources are created with. */
export interface ResourceClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string }).name;
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (errorName(error) !== 'NotFound' && errorName(error) !== 'NoSuchBucket') throw error;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

async function ensureQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const { QueueUrl: url } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  if (!url) throw new Error(`CreateQueue returned no URL for ${name}`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${name} has no QueueArn`);
  return { url, arn };
}

async function ensureTable(dynamodb: DynamoDBClient, table: string): Promise<void> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
  }
  await dynamodb.send(new CreateTableCommand(imageTableDefinition(table)));
}

/**
 * Creates, when missing, the buckets, the topic, each service's queue with its DLQ and
 * redrive policy (subscribed to the topic with raw delivery off, so messages keep the SNS
 * envelope), and the image table with its `byOwner` index. Safe to run on every start.
 *
 * @returns the resource part of the stack description.
 * @example
 * const resources = await ensureResources(clients, {
 *   maxReceiveCount: 5,
 *   visibilityTimeoutSeconds: { resize: 540, watermark: 360, metadata: 180 },
 * });
 */
export async function ensureResources(
  clients: ResourceClients,
  settings: QueueSettings,
): Promise<Pick<StackDescription, 'buckets' | 'topicArn' | 'table' | 'queues'>> {
  await ensureBucket(clients.s3, RESOURCE_NAMES.sourceBucket);
  // Browsers POST presigned uploads straight to the bucket from the upload page's origin.
  await clients.s3.send(
    new PutBucketCorsCommand({
      Bucket: RESOURCE_NAMES.sourceBucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ['*'],
            AllowedMethods: ['POST'],
            AllowedHeaders: ['*'],
            MaxAgeSeconds: 600,
          },
        ],
      },
    }),
  );
  await ensureBucket(clients.s3, RESOURCE_NAMES.processedBucket);
  await ensureTable(clients.dynamodb, RESOURCE_NAMES.table);
  const { TopicArn: topicArn } = await clients.sns.send(
    new CreateTopicCommand({ Name: RESOURCE_NAMES.topic }),
  );
  if (!topicArn) throw new Error('CreateTopic returned no TopicArn');

  const queues = {} as Record<ServiceName, QueuePair>;
  for (const service of SERVICE_NAMES) {
    const dlq = await ensureQueue(clients.sqs, RESOURCE_NAMES.dlq(service), {
      MessageRetentionPeriod: String(14 * 24 * 3600),
    });
    const queue = await ensureQueue(clients.sqs, RESOURCE_NAMES.queue(service), {
      VisibilityTimeout: String(settings.visibilityTimeoutSeconds[service]),
      MessageRetentionPeriod: String(4 * 24 * 3600),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlq.arn,
        maxReceiveCount: settings.maxReceiveCount,
      }),
    });
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: 'false' },
        ReturnSubscriptionArn: true,
      }),
    );
    queues[service] = {
      name: RESOURCE_NAMES.queue(service),
      url: queue.url,
      arn: queue.arn,
      dlqName: RESOURCE_NAMES.dlq(service),
      dlqUrl: dlq.url,
      dlqArn: dlq.arn,
    };
  }
  return {
    buckets: { source: RESOURCE_NAMES.sourceBucket, processed: RESOURCE_NAMES.processedBucket },
    topicArn,
    table: RESOURCE_NAMES.table,
    queues,
  };
}
