import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ssmNames } from '@imgpipe/registry';

/** The platform's resources a service stack works on, and a reader of any other parameter. */
export interface PlatformLookup {
  readonly sourceBucket: IBucket;
  readonly processedBucket: IBucket;
  readonly table: ITable;
  /** The value of a stage SSM parameter, resolved at deploy time. */
  readonly lookup: (parameterName: string) => string;
}

/**
 * The buckets and table of a stage, read from the SSM parameters the platform stack
 * writes (no stack exports, so the platform never pins a service and vice versa).
 *
 * @example
 * const platform = platformFromSsm(this, 'prod');
 * platform.lookup(ssmNames('prod').alarmTopicArn);
 */
export function platformFromSsm(scope: Construct, stage: string): PlatformLookup {
  const names = ssmNames(stage);
  const lookup = (parameterName: string) =>
    StringParameter.valueForStringParameter(scope, parameterName);
  return {
    sourceBucket: Bucket.fromBucketName(scope, 'SourceBucket', lookup(names.sourceBucketName)),
    processedBucket: Bucket.fromBucketName(
      scope,
      'ProcessedBucket',
      lookup(names.processedBucketName),
    ),
    table: Table.fromTableName(scope, 'ImageTable', lookup(names.imageTableName)),
    lookup,
  };
}
