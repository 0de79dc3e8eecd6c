import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Service } from '@imgpipe/registry';
import { imageLimitsEnv, METRICS_NAMESPACE } from '@imgpipe/registry';
import { acknowledge } from './nag-acknowledgements';

/** What a service's function needs besides its registry entry. */
export interface ServiceFunctionProps {
  readonly stage: string;
  readonly service: Service;
  readonly functionName: string;
  readonly code: Code;
  /** The variables of the service's kind (bucket and table names, …), before the shared ones. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A service's Lambda function as every kind deploys it: nodejs22.x on arm64, X-Ray, memory
 * and timeout from the registry, its own log group, and its own role that may write only
 * there (the caller adds the registry grants). Created in `scope` under the ids `LogGroup`,
 * `Role` and `Function`, so the stacks' logical ids stay as they were.
 *
 * @example
 * const { fn, role } = serviceFunction(this, { stage, service, functionName, code, environment });
 */
export function serviceFunction(
  scope: Construct,
  props: ServiceFunctionProps,
): { readonly fn: LambdaFunction; readonly role: Role } {
  const { service } = props;
  const logGroup = new LogGroup(scope, 'LogGroup', {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // Our own role instead of the default: the managed AWSLambdaBasicExecutionRole may write
  // to any log group, this one only to the function's.
  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `imgpipe ${props.stage} ${service.project}`,
  });
  logGroup.grantWrite(role);
  const fn = new LambdaFunction(scope, 'Function', {
    functionName: props.functionName,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    handler: 'index.handler',
    code: props.code,
    memorySize: service.memorySize,
    timeout: Duration.seconds(service.timeoutSeconds),
    role,
    logGroup,
    tracing: Tracing.ACTIVE,
    environment: {
      ...props.environment,
      ...imageLimitsEnv(),
      POWERTOOLS_SERVICE_NAME: service.project,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...service.environment,
    },
  });
  acknowledge(
    fn,
    'AwsSolutions-L1',
    'DESIGN.md §8 pins nodejs22.x, the runtime the services, sharp build and Powertools are tested on; moving to 24.x is a deliberate change across all services.',
  );
  return { fn, role };
}
