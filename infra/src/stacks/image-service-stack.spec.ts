import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import type { QueueFedService, ResourceRef } from '@imgpipe/registry';
import {
  EVENT_SOURCE_ACTIONS,
  grantStatements,
  MAX_RECEIVE_COUNT,
  SERVICES,
  serviceResourceNames,
  ssmNames,
} from '@imgpipe/registry';
import { present, synthTemplates, TEST_STAGE } from '../test-app';
import {
  allowStatementsOfRole,
  logicalIdOf,
  propertiesOf,
  ssmParameterRef,
  templateArnOf,
} from '../template-queries';

let templates: Map<string, Template>;

beforeAll(() => {
  templates = synthTemplates({ only: SERVICES.map((service) => service.project) }).services;
});

const cases = SERVICES.map((service) => [service.project, service] as const);

describe.each(cases)('ImageServiceStack for %s', (project, service: QueueFedService) => {
  const names = serviceResourceNames(TEST_STAGE, service.name);
  let template: Template;
  let queue: string;
  let dlq: string;

  beforeAll(() => {
    template = present(templates.get(project), `${project} template`);
    queue = logicalIdOf(template, 'AWS::SQS::Queue', {
      Properties: { QueueName: names.queueName },
    });
    dlq = logicalIdOf(template, 'AWS::SQS::Queue', { Properties: { QueueName: names.dlqName } });
  });

  it('given the queue, then it is subscribed to the upload topic read from SSM with raw delivery off', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
      TopicArn: ssmParameterRef(template, ssmNames(TEST_STAGE).uploadTopicArn),
      RawMessageDelivery: false,
    });
  });

  it('given the queue, then failed messages go to its DLQ after 5 receives and the DLQ keeps them longer', () => {
    const queueProps = propertiesOf(template, 'AWS::SQS::Queue', queue);
    const dlqProps = propertiesOf(template, 'AWS::SQS::Queue', dlq);

    expect(queueProps['RedrivePolicy']).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(MAX_RECEIVE_COUNT).toBe(5);
    expect(Number(dlqProps['MessageRetentionPeriod'])).toBeGreaterThan(
      Number(queueProps['MessageRetentionPeriod']),
    );
  });

  it('given both queues, then they are encrypted and refuse requests without TLS', () => {
    for (const id of [queue, dlq]) {
      expect(propertiesOf(template, 'AWS::SQS::Queue', id)['SqsManagedSseEnabled']).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('given the function timeout, then the visibility timeout is at least six times it', () => {
    const fn = propertiesOf(
      template,
      'AWS::Lambda::Function',
      logicalIdOf(template, 'AWS::Lambda::Function'),
    );
    const queueProps = propertiesOf(template, 'AWS::SQS::Queue', queue);

    expect(fn['Timeout']).toBe(service.timeoutSeconds);
    expect(Number(queueProps['VisibilityTimeout'])).toBeGreaterThanOrEqual(
      6 * Number(fn['Timeout']),
    );
  });

  it('given the function, then it runs nodejs22.x on arm64 with tracing, its sizing and the shared environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: names.functionName,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: service.memorySize,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: {
          PROCESSED_BUCKET: ssmParameterRef(template, ssmNames(TEST_STAGE).processedBucketName),
          IMAGE_TABLE: ssmParameterRef(template, ssmNames(TEST_STAGE).imageTableName),
          MAX_INPUT_BYTES: '52428800',
          MAX_INPUT_PIXELS: '100000000',
          MAX_FRAMES: '100',
          MAX_CONCURRENT_IMAGES: String(service.maxConcurrentImages),
          POWERTOOLS_SERVICE_NAME: project,
          POWERTOOLS_METRICS_NAMESPACE: 'imgpipe',
          MALLOC_ARENA_MAX: '2',
        },
      },
    });
  });

  it('given the event source mapping, then it reads the queue with partial batch failures and bounded concurrency', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: service.batchSize,
      ScalingConfig: { MaximumConcurrency: service.maxConcurrency },
    });
  });

  it('given the function role, then it holds exactly the registry grants plus logs, X-Ray and its event source', () => {
    const role = logicalIdOf(template, 'AWS::IAM::Role');
    const arnOf = (ref: ResourceRef) => templateArnOf(template, TEST_STAGE, ref);
    const expected = [
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::Logs::LogGroup'), 'Arn'] },
      },
      { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: '*' },
      { actions: [...EVENT_SOURCE_ACTIONS], resource: { 'Fn::GetAtt': [queue, 'Arn'] } },
      ...grantStatements(service.grants, arnOf).map((statement) => ({
        actions: statement.Action,
        resource: statement.Resource.length === 1 ? statement.Resource[0] : statement.Resource,
      })),
    ];

    expect(allowStatementsOfRole(template, role)).toEqual(expected);
    expect(propertiesOf(template, 'AWS::IAM::Role', role)['ManagedPolicyArns']).toBeUndefined();
  });

  it('given the function role, then it may delete only under its own output prefix of the processed bucket, never a source', () => {
    const role = logicalIdOf(template, 'AWS::IAM::Role');
    const deletes = allowStatementsOfRole(template, role).filter((statement) =>
      statement.actions.includes('s3:DeleteObject'),
    );
    const ownPrefix =
      'outputPrefix' in service
        ? [
            templateArnOf(template, TEST_STAGE, {
              kind: 'bucket',
              bucket: 'processed',
              keys: `${service.outputPrefix}*`,
            }),
          ]
        : [];

    expect(deletes.map((statement) => statement.resource)).toEqual(ownPrefix);
  });

  it('given the alarms, then DLQ messages, message age, errors and throttles notify the alarm topic', () => {
    const alarmTopic = ssmParameterRef(template, ssmNames(TEST_STAGE).alarmTopicArn);
    const fn = logicalIdOf(template, 'AWS::Lambda::Function');
    const expected = [
      {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
        Threshold: 1,
      },
      {
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        Threshold: service.maxMessageAgeMinutes * 60,
      },
      {
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Threshold: 1,
      },
      {
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Threshold: 1,
      },
    ];

    template.resourceCountIs('AWS::CloudWatch::Alarm', expected.length);
    for (const alarm of expected) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...alarm,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [alarmTopic],
        OKActions: [alarmTopic],
      });
    }
  });

  it('given the service resources, then their names are published under /imgpipe/<stage>/<project>/', () => {
    const own = ssmNames(TEST_STAGE).service(project);
    const fn = logicalIdOf(template, 'AWS::Lambda::Function');
    const expected: Array<[string, unknown]> = [
      [own.queueUrl, { Ref: queue }],
      [own.queueArn, { 'Fn::GetAtt': [queue, 'Arn'] }],
      [own.dlqUrl, { Ref: dlq }],
      [own.dlqArn, { 'Fn::GetAtt': [dlq, 'Arn'] }],
      [own.functionName, { Ref: fn }],
    ];
    for (const [Name, Value] of expected) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name, Value });
    }
  });
});
