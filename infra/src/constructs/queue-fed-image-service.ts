import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueFedService } from '@imgpipe/registry';
import {
  MAX_RECEIVE_COUNT,
  serviceResourceNames,
  VISIBILITY_TIMEOUT_FACTOR,
} from '@imgpipe/registry';
import { addRegistryGrants } from './registry-grants';
import { serviceFunction } from './service-function';

export interface QueueFedImageServiceProps {
  readonly stage: string;
  readonly service: QueueFedService;
  /** The packaged handler folder (`index.js` + sharp for linux-arm64). */
  readonly code: Code;
  readonly uploadTopic: ITopic;
  readonly sourceBucket: IBucket;
  readonly processedBucket: IBucket;
  readonly table: ITable;
}

/**
 * A queue-fed image service: its queue subscribed to the upload topic (SNS envelope kept),
 * a DLQ after {@link MAX_RECEIVE_COUNT} receives, a Lambda function reading it with partial
 * batch failures, and only the grants the job needs: read source objects, write its own
 * output prefix, update the image table.
 *
 * @example
 * const svc = new QueueFedImageService(this, 'Service', {
 *   stage: 'prod', service: serviceNamed('resize-service'), code,
 *   uploadTopic, sourceBucket, processedBucket, table,
 * });
 * svc.queue.queueUrl;
 */
export class QueueFedImageService extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: LambdaFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: QueueFedImageServiceProps) {
    super(scope, id);
    const { service } = props;
    const names = serviceResourceNames(props.stage, service.name);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: names.dlqName,
      // Longer than the queue's, so a message never expires in the DLQ before it would have
      // expired upstream; people need days to notice, fix and replay.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: names.queueName,
      visibilityTimeout: Duration.seconds(service.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    props.uploadTopic.addSubscription(
      new SqsSubscription(this.queue, { rawMessageDelivery: false }),
    );

    const { fn, role } = serviceFunction(this, {
      stage: props.stage,
      service,
      functionName: names.functionName,
      code: props.code,
      environment: {
        PROCESSED_BUCKET: props.processedBucket.bucketName,
        IMAGE_TABLE: props.table.tableName,
        MAX_CONCURRENT_IMAGES: String(service.maxConcurrentImages),
        // sharp drops to one thread on glibc without it (TOOLCHAIN.md).
        MALLOC_ARENA_MAX: '2',
      },
    });
    this.function = fn;
    this.role = role;
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: service.batchSize,
        maxConcurrency: service.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    addRegistryGrants(this.role, service.grants, props);
  }
}
