import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ImageServiceDefinition } from '../config/image-services';
import { METRICS_NAMESPACE, serviceResourceNames } from '../config/names';
import { acknowledge, wildcardResourceFinding } from './nag-acknowledgements';

/** SQS redrives a message to the DLQ after this many failed receives (DESIGN.md §5). */
export const MAX_RECEIVE_COUNT = 5;
/** Visibility timeout = this × function timeout, so retries never overlap a running batch. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Input limits every image service enforces (DESIGN.md §5: 50 MB, 100 MP, 100 frames). */
const DEFAULT_LIMITS = {
  MAX_INPUT_BYTES: `${50 * 1024 * 1024}`,
  MAX_INPUT_PIXELS: '100000000',
  MAX_FRAMES: '100',
};

export interface QueueFedImageServiceProps {
  readonly stage: string;
  readonly service: ImageServiceDefinition;
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
 *   stage: 'prod', service: imageServiceByProject('resize-service'), code,
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
    const names = serviceResourceNames(props.stage, service.shortName);

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
      visibilityTimeout: Duration.seconds(service.timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
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
      timeout: service.timeout,
      role: this.role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        PROCESSED_BUCKET: props.processedBucket.bucketName,
        IMAGE_TABLE: props.table.tableName,
        ...DEFAULT_LIMITS,
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
    this.grantJob(props);
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'DESIGN.md §8 pins nodejs22.x, the runtime the services, sharp build and Powertools are tested on; moving to 24.x is a deliberate change across all services.',
    );
  }

  private grantJob(props: QueueFedImageServiceProps): void {
    const sourceObjects = props.sourceBucket.arnForObjects('*');
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadSourceObjects',
        actions: ['s3:GetObject'],
        resources: [sourceObjects],
      }),
    );
    acknowledge(
      this.role,
      wildcardResourceFinding(this, sourceObjects),
      'Any uploaded key may need processing; read-only GetObject on the source bucket objects, nothing else in it.',
    );

    const { outputPrefix } = props.service;
    if (outputPrefix) {
      const outputObjects = props.processedBucket.arnForObjects(`${outputPrefix}*`);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'WriteOwnOutputPrefix',
          actions: ['s3:PutObject'],
          resources: [outputObjects],
        }),
      );
      acknowledge(
        this.role,
        wildcardResourceFinding(this, outputObjects),
        `Output keys are derived from source keys, so the grant is PutObject on the service's own prefix (${outputPrefix}) only.`,
      );
    }

    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UpdateImageRecord',
        actions: ['dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
      }),
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only the X-Ray statement CDK adds for active tracing uses *: xray:PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
    );
  }
}
