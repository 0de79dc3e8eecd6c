import type { Template } from 'aws-cdk-lib/assertions';
import { ALL_SERVICES, SERVICES } from '@imgpipe/registry';
import { ssmNames } from '@imgpipe/registry';
import { present, synthTemplates, TEST_STAGE } from './test-app';
import { logicalIdOf, ssmParameterRef } from './template-queries';

/**
 * The notification chain crosses stacks only through SSM parameter names, so the chain is
 * proven by the platform writing a name and every service stack reading that same name.
 */
describe('the pipeline wiring across stacks', () => {
  let platform: Template;
  /** Every service stack, of every kind. */
  let services: Template[];
  let queueFed: Template[];

  beforeAll(() => {
    const templates = synthTemplates();
    platform = present(templates.platform, 'platform template');
    services = [...templates.services.values()];
    queueFed = SERVICES.map((service) =>
      present(templates.services.get(service.project), `${service.project} template`),
    );
  });

  it('given an upload or a removal, then bucket → topic → three queues with DLQs → three mappings with ReportBatchItemFailures', () => {
    const names = ssmNames(TEST_STAGE);
    const topic = logicalIdOf(platform, 'AWS::SNS::Topic', {
      Properties: { TopicName: `imgpipe-${TEST_STAGE}-uploads` },
    });
    platform.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        TopicConfigurations: [
          { Events: ['s3:ObjectCreated:*'], TopicArn: { Ref: topic } },
          { Events: ['s3:ObjectRemoved:*'], TopicArn: { Ref: topic } },
        ],
      },
    });
    platform.hasResourceProperties('AWS::SSM::Parameter', {
      Name: names.uploadTopicArn,
      Value: { Ref: topic },
    });

    expect(services).toHaveLength(ALL_SERVICES.length);
    expect(SERVICES).toHaveLength(3);
    for (const service of queueFed) {
      const queue = logicalIdOf(service, 'AWS::SQS::Queue', {
        Properties: { RedrivePolicy: { maxReceiveCount: 5 } },
      });
      service.hasResourceProperties('AWS::SNS::Subscription', {
        TopicArn: ssmParameterRef(service, names.uploadTopicArn),
        Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
      });
      service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('given every SSM name a service stack reads, then the platform stack writes it', () => {
    const written = new Set(
      Object.values(platform.findResources('AWS::SSM::Parameter')).map(
        (parameter) => parameter['Properties'].Name,
      ),
    );
    for (const service of services) {
      const read = Object.values(
        service.findParameters('*', { Type: 'AWS::SSM::Parameter::Value<String>' }),
      )
        .map((parameter) => String(parameter['Default']))
        .filter((name) => name.startsWith('/imgpipe/')); // not CDK's own bootstrap version check
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((name) => !written.has(name))).toEqual([]);
    }
  });

  it("given the stacks, then none imports another stack's exports, so each deploys alone", () => {
    for (const template of [platform, ...services]) {
      expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    }
  });
});
