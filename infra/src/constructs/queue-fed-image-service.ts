import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueFedService } from '@imgpipe/registry';
import {
  imageLimitsEnv,
  MAX_RECEIVE_COUNT,
  METRICS_NAMESPACE,
  serviceResourceNames,
  VISIBILITY_TIMEOUT_FACTOR,
} from '@imgpipe/registry';
import { acknowledge } from './nag-acknowledgements';
import { addRegistryGrants } from './registry-grants';

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

    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the default: the managed AWSLambdaBasicExecutionRole may write
    // to any log group, this one only to the function's.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `imgpipe ${props.stage} ${service.project}`,
    });
    logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      functionName: names.functionName,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: props.code,
      memorySize: service.memorySize,
      timeout: Duration.seconds(service.timeoutSeconds),
      role: this.role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        PROCESSED_BUCKET: props.processedBucket.bucketName,
        IMAGE_TABLE: props.table.tableName,
        ...imageLimitsEnv(),
        MAX_CONCURRENT_IMAGES: String(service.maxConcurrentImages),
        POWERTOOLS_SERVICE_NAME: service.project,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // sharp drops to one thread on glibc without it (TOOLCHAIN.md).
        MALLOC_ARENA_MAX: '2',
        NODE_OPTIONS: '--enable-source-maps',
        ...service.environment,
      },
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: service.batchSize,
        maxConcurrency: service.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    addRegistryGrants(this.role, service.grants, props);
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'DESIGN.md §8 pins nodejs22.x, the runtime the services, sharp build and Powertools are tested on; moving to 24.x is a deliberate change across all services.',
    );
  }
}
