import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import {
  HTTP_SERVICES,
  MetricName,
  OPERATOR_GRANTS,
  operatorPolicyName,
  SERVICES,
  serviceResourceNames,
  ssmNames,
} from '@imgpipe/registry';
import { httpApiNames } from '../constructs/http-api-names';
import { HTTP_SETTINGS_CONTEXT } from '../http-settings';
import { present, synthTemplates, TEST_STAGE } from '../test-app';
import type { DashboardWidget } from '../template-queries';
import { dashboardWidgets, logicalIdOf } from '../template-queries';

let template: Template;

beforeAll(() => {
  template = present(synthTemplates({ only: ['platform'] }).platform, 'platform template');
});

describe('PlatformStack', () => {
  let sourceBucket: string;
  let processedBucket: string;
  let uploadTopic: string;

  beforeAll(() => {
    sourceBucket = logicalIdOf(template, 'AWS::S3::Bucket', {
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
    });
    processedBucket = logicalIdOf(template, 'AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: { LogFilePrefix: 'processed/' } },
    });
    uploadTopic = logicalIdOf(template, 'AWS::SNS::Topic', {
      Properties: { TopicName: `imgpipe-${TEST_STAGE}-uploads` },
    });
  });

  it('given any bucket, then it blocks public access, is encrypted at rest and owner-enforced', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket['Properties']).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
      expect(bucket['DeletionPolicy']).toBe('Retain');
    }
  });

  it.each([
    ['source', () => sourceBucket],
    ['processed', () => processedBucket],
  ])('given the %s bucket, then its policy denies requests without TLS', (_name, bucketId) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('given the source bucket, then it is versioned and aborts incomplete multipart uploads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });

  it('given an object is created or removed in the source bucket, then S3 notifies the upload topic for every ObjectCreated and ObjectRemoved event', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: sourceBucket },
      NotificationConfiguration: {
        TopicConfigurations: [
          { Events: ['s3:ObjectCreated:*'], TopicArn: { Ref: uploadTopic } },
          { Events: ['s3:ObjectRemoved:*'], TopicArn: { Ref: uploadTopic } },
        ],
      },
    });
  });

  it('given the upload topic, then it is KMS-encrypted and only the source bucket may publish', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: `imgpipe-${TEST_STAGE}-uploads`,
      KmsMasterKeyId: Match.anyValue(),
    });
    const sourceArn = { 'Fn::GetAtt': [sourceBucket, 'Arn'] };
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: uploadTopic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: { ArnLike: { 'aws:SourceArn': sourceArn } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Principal: { AWS: '*' },
            Condition: { ArnNotEquals: { 'aws:SourceArn': sourceArn } },
          }),
        ]),
      },
    });
  });

  it('given the topic key, then S3 and CloudWatch may use it and it rotates', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith(
          ['s3.amazonaws.com', 'cloudwatch.amazonaws.com'].map((service) =>
            Match.objectLike({
              Principal: { Service: service },
              Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            }),
          ),
        ),
      },
    });
  });

  it('given the image table, then it has imageId, the byOwner index, PITR, on-demand billing and encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'imageId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: [
            { AttributeName: 'ownerId', KeyType: 'HASH' },
            { AttributeName: 'uploadedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('given the alarm topic, then CloudWatch may publish to it', () => {
    const alarmTopic = logicalIdOf(template, 'AWS::SNS::Topic', {
      Properties: { TopicName: `imgpipe-${TEST_STAGE}-alarms` },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: alarmTopic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('given the shared resources, then SSM parameters name each of them under /imgpipe/<stage>/', () => {
    const names = ssmNames(TEST_STAGE);
    const table = logicalIdOf(template, 'AWS::DynamoDB::Table');
    const alarmTopic = logicalIdOf(template, 'AWS::SNS::Topic', {
      Properties: { TopicName: `imgpipe-${TEST_STAGE}-alarms` },
    });
    const expected: Array<[string, unknown]> = [
      [names.sourceBucketName, { Ref: sourceBucket }],
      [names.processedBucketName, { Ref: processedBucket }],
      [names.imageTableName, { Ref: table }],
      [names.uploadTopicArn, { Ref: uploadTopic }],
      [names.alarmTopicArn, { Ref: alarmTopic }],
      [names.dashboardName, `imgpipe-${TEST_STAGE}`],
    ];
    for (const [Name, Value] of expected) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name, Value, Type: 'String' });
    }
  });
});

describe('PlatformStack operator policy', () => {
  it('given the operator policy, then it holds exactly the registry operator grants, on this stage only', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { ManagedPolicyName: operatorPolicyName(TEST_STAGE) },
    });
    const [policy] = Object.values(policies);
    const statements = present(policy, 'operator policy')['Properties'].PolicyDocument
      .Statement as {
      Sid: string;
      Action: string | string[];
      Resource: unknown;
    }[];

    expect(statements.map((statement) => [statement.Sid, [statement.Action].flat()])).toEqual(
      OPERATOR_GRANTS.map((grant) => [grant.sid, [...grant.actions]]),
    );
    const resources = JSON.stringify(statements.map((statement) => statement.Resource));
    expect(resources).toContain(`:sqs:`);
    expect(resources).toContain(`imgpipe-${TEST_STAGE}-*`);
    expect(resources).toContain(`parameter/imgpipe/${TEST_STAGE}/*`);
  });
});

describe('PlatformStack source bucket CORS', () => {
  const origins = ['https://images.example.com'];

  it('given no HTTP service origins, then the source bucket answers no cross-origin request', () => {
    const source = Object.values(
      template.findResources('AWS::S3::Bucket', {
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      }),
    );

    expect(source).toHaveLength(1);
    expect(source[0]?.['Properties'].CorsConfiguration).toBeUndefined();
  });

  it("given an HTTP service's origins, then pages from them may POST the presigned form and nothing else", () => {
    const withOrigins = present(
      synthTemplates(
        { only: ['platform'] },
        {
          [HTTP_SETTINGS_CONTEXT]: {
            [TEST_STAGE]: Object.fromEntries(
              HTTP_SERVICES.map((service) => [
                service.project,
                { auth: { type: 'iam' }, corsOrigins: origins },
              ]),
            ),
          },
        },
      ).platform,
      'platform template with origins',
    );

    withOrigins.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: origins,
            AllowedHeaders: ['*'],
            MaxAge: 3600,
          },
        ],
      },
    });
    expect(
      Object.values(withOrigins.findResources('AWS::S3::Bucket')).filter(
        (bucket) => bucket['Properties'].CorsConfiguration !== undefined,
      ),
    ).toHaveLength(1);
  });
});

describe('PlatformStack dashboard', () => {
  let widgets: DashboardWidget[];
  let metricLines: string[];

  beforeAll(() => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: `imgpipe-${TEST_STAGE}`,
    });
    widgets = dashboardWidgets(template);
    metricLines = widgets.flatMap((widget) =>
      (widget.properties?.metrics ?? []).map((line) => JSON.stringify(line)),
    );
  });

  it('given the dashboard, then pipeline totals come before any service section', () => {
    const titles = widgets.map(
      (widget) => widget.properties?.markdown ?? widget.properties?.title ?? '',
    );
    const totals = titles.findIndex((title) => title.includes('pipeline totals'));
    const firstService = titles.findIndex((title) =>
      SERVICES.some((service) => title.includes(service.project)),
    );
    expect(totals).toBeGreaterThanOrEqual(0);
    expect(totals).toBeLessThan(firstService);
    expect(
      metricLines.some((line) =>
        line.includes('SUM([imagesprocessed0,imagesprocessed1,imagesprocessed2])'),
      ),
    ).toBe(true);
  });

  it.each(SERVICES.map((service) => [service.project, service] as const))(
    'given %s, then its queue, DLQ, function and EMF metrics are charted',
    (project, service) => {
      const names = serviceResourceNames(TEST_STAGE, service.name);
      const charted = (...parts: string[]) =>
        metricLines.some((line) => parts.every((part) => line.includes(`"${part}"`)));

      expect(charted('AWS/SQS', 'ApproximateNumberOfMessagesVisible', names.queueName)).toBe(true);
      expect(charted('AWS/SQS', 'ApproximateAgeOfOldestMessage', names.queueName)).toBe(true);
      expect(charted('AWS/SQS', 'ApproximateNumberOfMessagesVisible', names.dlqName)).toBe(true);
      for (const metric of [
        'Invocations',
        'Errors',
        'Throttles',
        'ConcurrentExecutions',
        'Duration',
      ]) {
        expect(charted('AWS/Lambda', metric, names.functionName)).toBe(true);
      }
      expect(
        metricLines.some((line) => line.includes(names.functionName) && line.includes('p99')),
      ).toBe(true);
      expect(
        metricLines.some((line) => line.includes(names.functionName) && line.includes('p50')),
      ).toBe(true);
      for (const metric of Object.values(MetricName)) {
        expect(charted('imgpipe', metric, 'service', project)).toBe(true);
      }
    },
  );

  it.each(HTTP_SERVICES.map((service) => [service.project, service] as const))(
    'given %s, then its function and its API (through the access log) are charted in its own row',
    (project, service) => {
      const names = httpApiNames(TEST_STAGE, service.name);
      const titles = widgets.map(
        (widget) => widget.properties?.markdown ?? widget.properties?.title ?? '',
      );
      const row = titles.findIndex((title) => title.includes(`# ${project}`));
      const queries = widgets
        .map((widget) => widget.properties?.query ?? '')
        .filter((query) => query.includes(`SOURCE '${names.accessLogGroupName}'`));

      expect(row).toBeGreaterThan(0);
      for (const metric of ['Invocations', 'Errors', 'Throttles', 'Duration']) {
        expect(
          metricLines.some(
            (line) => line.includes(`"${metric}"`) && line.includes(`"${names.functionName}"`),
          ),
        ).toBe(true);
      }
      expect(queries).toEqual([
        expect.stringContaining('stats count(*) as requests by status'),
        expect.stringContaining('pct(responseLatency, 99) as p99'),
      ]);
    },
  );
});
