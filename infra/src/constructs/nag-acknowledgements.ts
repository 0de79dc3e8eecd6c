import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag names IAM5 findings by flattening the resolved resource this way; importing its
// own helper keeps our acknowledgement IDs byte-identical to what it reports.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on a construct and its children, with the reason a
 * reviewer reads. cdk-nag 3 reads these through CDK's `Validations` metadata.
 *
 * @example
 * acknowledge(logsBucket, 'AwsSolutions-S1', 'This is the access log bucket.');
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The IAM5 finding ID cdk-nag reports for a wildcard resource such as `<bucketArn>/resized/*`.
 *
 * @example
 * acknowledge(role, wildcardResourceFinding(role, `${bucket.bucketArn}/resized/*`), 'Own prefix only.');
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}
