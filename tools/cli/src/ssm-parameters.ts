/**
 * The SSM parameters, under `/imgpipe/<stage>/`, that name the deployed resources. The
 * infra stacks publish them; this is the one place the command line spells them, so keep
 * it aligned with `infra`.
 */
export const SSM_PARAMETERS = {
  sourceBucket: 'source-bucket-name',
  processedBucket: 'processed-bucket-name',
  table: 'image-table-name',
} as const;

/** A resource the command line looks up by name. */
export type ResourceName = keyof typeof SSM_PARAMETERS;

/** The deployment stage used when `--stage` is not given. */
export const DEFAULT_STAGE = 'prod';

/**
 * The full SSM parameter name of a resource for a stage.
 *
 * @example
 * ssmParameterName('prod', 'table'); // '/imgpipe/prod/image-table-name'
 */
export function ssmParameterName(stage: string, resource: ResourceName): string {
  return `/imgpipe/${stage}/${SSM_PARAMETERS[resource]}`;
}
