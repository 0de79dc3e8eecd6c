import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ResourceRef } from '@imgpipe/registry';

/** The platform resources a registry grant can name, as CDK constructs. */
export interface PlatformResources {
  readonly sourceBucket: IBucket;
  readonly processedBucket: IBucket;
  readonly table: ITable;
}

/**
 * The ARN (a CDK token) of a registry bucket or table reference.
 *
 * @throws Error for a reference to anything else; the caller resolves those itself.
 * @example
 * platformArn({ kind: 'bucket', bucket: 'processed', keys: 'resized/*' }, resources);
 */
export function platformArn(ref: ResourceRef, resources: PlatformResources): string {
  switch (ref.kind) {
    case 'bucket': {
      const bucket = ref.bucket === 'source' ? resources.sourceBucket : resources.processedBucket;
      return ref.keys === undefined ? bucket.bucketArn : bucket.arnForObjects(ref.keys);
    }
    case 'table':
      return ref.index === undefined
        ? resources.table.tableArn
        : `${resources.table.tableArn}/index/${ref.index}`;
    default:
      throw new Error(`no platform ARN for a ${ref.kind} reference`);
  }
}
