import { ArnFormat, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { grantStatements, OPERATOR_GRANTS, operatorPolicyName, ssmNames } from '@imgpipe/registry';
import type { ResourceRef } from '@imgpipe/registry';
import { acknowledge, wildcardResourceFinding } from './nag-acknowledgements';
import { platformArn } from './platform-arns';
import type { PlatformResources } from './platform-arns';

export interface OperatorPolicyProps extends PlatformResources {
  readonly stage: string;
}

/**
 * The managed policy to attach to the roles of people who run `imgpipe` against this
 * stage: the registry's operator grants, the same statements the local stack holds the
 * CLI to.
 *
 * @example
 * new OperatorPolicy(this, 'OperatorPolicy', { stage, sourceBucket, processedBucket, table });
 */
export class OperatorPolicy extends Construct {
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arnOf = (ref: ResourceRef): string => {
      switch (ref.kind) {
        case 'queues':
          return stack.formatArn({
            service: 'sqs',
            resource: `imgpipe-${props.stage}-*`,
            arnFormat: ArnFormat.NO_RESOURCE_NAME,
          });
        case 'ssm-parameters':
          return stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: `${ssmNames(props.stage).prefix.slice(1)}/*`,
          });
        default:
          return platformArn(ref, props);
      }
    };
    const statements = grantStatements(OPERATOR_GRANTS, arnOf);
    this.policy = new ManagedPolicy(this, 'Policy', {
      managedPolicyName: operatorPolicyName(props.stage),
      description: `What the imgpipe CLI needs against stage ${props.stage}`,
      statements: statements.map(
        (statement) =>
          new PolicyStatement({
            sid: statement.Sid,
            actions: statement.Action,
            resources: statement.Resource,
          }),
      ),
    });
    statements.forEach((statement, i) => {
      for (const resource of statement.Resource.filter((arn) => arn.endsWith('*'))) {
        acknowledge(
          this.policy,
          wildcardResourceFinding(this, resource),
          OPERATOR_GRANTS[i]?.why ?? '',
        );
      }
    });
  }
}
