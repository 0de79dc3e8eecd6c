import type { Role } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Grant, ResourceRef } from '@imgpipe/registry';
import { grantStatements } from '@imgpipe/registry';
import { acknowledge, wildcardResourceFinding } from './nag-acknowledgements';
import type { PlatformResources } from './platform-arns';
import { platformArn } from './platform-arns';

/**
 * Adds a service's registry grants to its function role, as the local stack's IAM check
 * reads them too; each wildcard resource is acknowledged to cdk-nag with the grant's reason,
 * and `*` only for the X-Ray statement CDK adds for active tracing.
 *
 * @example
 * addRegistryGrants(role, service.grants, { sourceBucket, processedBucket, table });
 */
export function addRegistryGrants(
  role: Role,
  grants: readonly Grant[],
  resources: PlatformResources,
): void {
  const arnOf = (ref: ResourceRef): string => platformArn(ref, resources);
  grantStatements(grants, arnOf).forEach((statement, i) => {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: statement.Sid,
        actions: statement.Action,
        resources: statement.Resource,
      }),
    );
    for (const resource of statement.Resource.filter((arn) => arn.endsWith('*'))) {
      acknowledge(role, wildcardResourceFinding(role, resource), grants[i]?.why ?? '');
    }
  });
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'Only the X-Ray statement CDK adds for active tracing uses *: xray:PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
  );
}
