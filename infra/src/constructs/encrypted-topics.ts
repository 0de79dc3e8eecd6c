import { Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SnsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface EncryptedTopicsProps {
  readonly stage: string;
  /** The only bucket allowed to publish upload events. */
  readonly sourceBucket: IBucket;
}

/**
 * The upload topic (S3 `ObjectCreated:*` and `ObjectRemoved:*` → SNS) and the alarm topic, encrypted with one
 * customer-managed key. A CMK rather than `alias/aws/sns` because S3 and CloudWatch can
 * only publish to an encrypted topic whose key policy lets them use the key.
 *
 * @example
 * const topics = new EncryptedTopics(this, 'Topics', { stage: 'prod', sourceBucket });
 * topics.uploadTopic.topicArn;
 */
export class EncryptedTopics extends Construct {
  readonly uploadTopic: Topic;
  readonly alarmTopic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: EncryptedTopicsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.key = new Key(this, 'TopicKey', {
      description: `imgpipe ${props.stage}: encrypts the upload and alarm topics`,
      enableKeyRotation: true,
    });
    for (const service of ['s3.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
    }

    this.uploadTopic = new Topic(this, 'UploadTopic', {
      topicName: `imgpipe-${props.stage}-uploads`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // Removals go through the same topic, so each service, ordering them by sequencer with
    // the uploads of the same key, removes what it wrote (DESIGN.md §1).
    const destination = new SnsDestination(this.uploadTopic);
    for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED]) {
      props.sourceBucket.addEventNotification(event, destination);
    }
    // The allow above comes from SnsDestination; this deny also shuts out IAM principals of
    // the account, so nothing but the source bucket can inject upload events.
    this.uploadTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlySourceBucketPublishes',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [this.uploadTopic.topicArn],
        conditions: { ArnNotEquals: { 'aws:SourceArn': props.sourceBucket.bucketArn } },
      }),
    );

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `imgpipe-${props.stage}-alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // enforceSSL replaces the default topic policy, so CloudWatch needs an explicit grant.
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }
}
