/**
 * The SSM parameters, under `/imgpipe/<stage>/`, that name the deployed resources. The
 * infra stacks publish them (`ssmNames` in `infra/src/config/names.ts`: the platform stack
 * the shared ones, each service stack its queue and DLQ); this is the one place the command
 * line spells them, so keep it aligned with `infra`.
 */
export const SSM_PARAMETERS = {
  sourceBucket: 'source-bucket-name',
  processedBucket: 'processed-bucket-name',
  table: 'image-table-name',
  uploadTopic: 'upload-topic-arn',
  resizeQueue: 'resize-service/queue-url',
  resizeDlq: 'resize-service/dlq-url',
  watermarkQueue: 'watermark-service/queue-url',
  watermarkDlq: 'watermark-service/dlq-url',
  metadataQueue: 'metadata-service/queue-url',
  metadataDlq: 'metadata-service/dlq-url',
} as const;

/** A resource the command line looks up by name. */
export type ResourceName = keyof typeof SSM_PARAMETERS;

/** The services that read a queue of their own, by the short name the local stack uses. */
export const QUEUE_SERVICES = ['resize', 'watermark', 'metadata'] as const;

/** One of {@link QUEUE_SERVICES}. */
export type QueueService = (typeof QUEUE_SERVICES)[number];

/** The deployment stage used when `--stage` is not given. */
export const DEFAULT_STAGE = 'prod';

/**
 * The full SSM parameter name of a resource for a stage.
 *
 * @example
 * ssmParameterName('prod', 'table'); // '/imgpipe/prod/image-table-name'
 * ssmParameterName('prod', 'resizeDlq'); // '/imgpipe/prod/resize-service/dlq-url'
 */
export function ssmParameterName(stage: string, resource: ResourceName): string {
  return `/imgpipe/${stage}/${SSM_PARAMETERS[resource]}`;
}

/**
 * The resource names of a service's source queue URL and DLQ URL.
 *
 * @example
 * queueResources('resize'); // { queue: 'resizeQueue', dlq: 'resizeDlq' }
 */
export function queueResources(service: QueueService): {
  readonly queue: ResourceName;
  readonly dlq: ResourceName;
} {
  return { queue: `${service}Queue`, dlq: `${service}Dlq` };
}
