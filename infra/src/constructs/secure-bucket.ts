import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { BucketProps } from 'aws-cdk-lib/aws-s3';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket with the settings every imgpipe bucket shares: no public access, TLS only,
 * encrypted at rest, owner-enforced objects, retained on stack deletion (images are data),
 * and unfinished multipart uploads cleaned up so they do not bill forever.
 *
 * @example
 * const processed = createSecureBucket(this, 'ProcessedBucket', { serverAccessLogsBucket: logs });
 */
export function createSecureBucket(scope: Construct, id: string, props: BucketProps = {}): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
    lifecycleRules: [
      { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ...(props.lifecycleRules ?? []),
    ],
  });
}
