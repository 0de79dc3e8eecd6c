import type { QueueFedService } from '@imgpipe/registry';

// The SDK package each AWS service prefix of a grant's actions is called through.
const SDK_CLIENT_PACKAGES: Readonly<Record<string, string>> = {
  s3: '@aws-sdk/client-s3',
  dynamodb: '@aws-sdk/client-dynamodb',
  sqs: '@aws-sdk/client-sqs',
  sns: '@aws-sdk/client-sns',
};

/**
 * The cold-start floor of a service: sharp and the SDK clients its grants say it calls,
 * in the order a handler would load them.
 *
 * @throws Error for a granted AWS service with no known SDK client.
 * @example
 * floorModules(serviceNamed('resize')); // ['sharp', '@aws-sdk/client-s3', '@aws-sdk/client-dynamodb']
 */
export function floorModules(service: Pick<QueueFedService, 'grants'>): string[] {
  const prefixes = [
    ...new Set(
      service.grants.flatMap((grant) => grant.actions.map((action) => action.split(':')[0] ?? '')),
    ),
  ];
  return [
    'sharp',
    ...prefixes.map((prefix) => {
      const client = SDK_CLIENT_PACKAGES[prefix];
      if (client === undefined) throw new Error(`no SDK client known for "${prefix}" actions`);
      return client;
    }),
  ];
}

/** The environment a bundle's config reads at import, as its function has it on AWS. */
export function bundleEnvironment(
  service: Pick<QueueFedService, 'project' | 'environment'>,
  lambda: boolean,
): Record<string, string> {
  return {
    ...service.environment,
    AWS_REGION: 'us-east-1',
    PROCESSED_BUCKET: 'imgpipe-bench-processed',
    IMAGE_TABLE: 'imgpipe-bench-images',
    POWERTOOLS_SERVICE_NAME: service.project,
    ...(lambda
      ? {
          // What makes Powertools' tracer switch on (it does on Lambda, with active tracing).
          // No NODE_OPTIONS, as infra sets none: each bundle maps its own stacks, lazily
          // (tools/lambda-package/stack-source-map.cjs).
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
          AWS_LAMBDA_FUNCTION_NAME: `imgpipe-bench-${service.project}`,
        }
      : {}),
  };
}
