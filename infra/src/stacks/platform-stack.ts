import type { StackProps } from 'aws-cdk-lib';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { HttpMethods } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { Service } from '@imgpipe/registry';
import { ssmNames } from '@imgpipe/registry';
import { acknowledge } from '../constructs/nag-acknowledgements';
import { EncryptedTopics } from '../constructs/encrypted-topics';
import { OperatorPolicy } from '../constructs/operator-policy';
import { PipelineDashboard } from '../constructs/pipeline-dashboard';
import { createSecureBucket } from '../constructs/secure-bucket';

export interface PlatformStackProps extends StackProps {
  readonly stage: string;
  /** The services the dashboard charts; they are deployed by their own stacks. */
  readonly services: readonly Service[];
  /**
   * Web origins whose pages may POST a presigned form to the source bucket: the HTTP
   * services' configured CORS origins (a browser needs S3's CORS as well as the API's).
   */
  readonly uploadOrigins?: readonly string[];
}

/**
 * What every service shares (DESIGN.md §8): both buckets, the upload topic fed by the
 * source bucket, the image table, the alarm topic, the dashboard, and SSM parameters
 * naming them so service stacks and the CLI find them without stack exports.
 *
 * @example
 * new PlatformStack(app, 'imgpipe-prod-platform', { stage: 'prod', services: SERVICES });
 */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { stage } = props;
    // Log delivery through a bucket policy, not the legacy ACL that owner-enforced buckets
    // reject; set here so the stack behaves the same whatever the app's cdk.json holds.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    const accessLogs = createSecureBucket(this, 'AccessLogsBucket', {
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90) }],
    });

    const uploadOrigins = props.uploadOrigins ?? [];
    const sourceBucket = createSecureBucket(this, 'SourceBucket', {
      versioned: true,
      ...(uploadOrigins.length > 0
        ? {
            cors: [
              {
                // Only the presigned form upload; reads go through presigned GETs of outputs.
                allowedMethods: [HttpMethods.POST],
                allowedOrigins: [...uploadOrigins],
                allowedHeaders: ['*'],
                maxAge: 3600,
              },
            ],
          }
        : {}),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'source/',
      lifecycleRules: [
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    const processedBucket = createSecureBucket(this, 'ProcessedBucket', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'processed/',
    });

    const topics = new EncryptedTopics(this, 'Topics', { stage, sourceBucket });

    const table = new Table(this, 'ImageTable', {
      partitionKey: { name: 'imageId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    table.addGlobalSecondaryIndex({
      indexName: 'byOwner',
      partitionKey: { name: 'ownerId', type: AttributeType.STRING },
      sortKey: { name: 'uploadedAt', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    const dashboard = new PipelineDashboard(this, 'Dashboard', { stage, services: props.services });
    new OperatorPolicy(this, 'OperatorPolicy', { stage, sourceBucket, processedBucket, table });

    const names = ssmNames(stage);
    const parameters: Record<string, [name: string, value: string]> = {
      SourceBucketNameParameter: [names.sourceBucketName, sourceBucket.bucketName],
      ProcessedBucketNameParameter: [names.processedBucketName, processedBucket.bucketName],
      ImageTableNameParameter: [names.imageTableName, table.tableName],
      UploadTopicArnParameter: [names.uploadTopicArn, topics.uploadTopic.topicArn],
      AlarmTopicArnParameter: [names.alarmTopicArn, topics.alarmTopic.topicArn],
      DashboardNameParameter: [names.dashboardName, dashboard.dashboardName],
    };
    for (const [id, [parameterName, stringValue]] of Object.entries(parameters)) {
      new StringParameter(this, id, { parameterName, stringValue });
    }
    acknowledgeNotificationHandler(this);
  }
}

/**
 * S3 notifications are configured by a CDK-owned singleton function whose role is not ours
 * to shape, so its finding is acknowledged where it lives.
 */
function acknowledgeNotificationHandler(stack: Stack): void {
  const handler = stack.node.tryFindChild(
    'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
  );
  if (!handler) return;
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketNotificationsHandler runs once per deploy to set the bucket notification; it only needs to write its own logs.",
  );
}
