import {
  DEFAULT_STAGE,
  SERVICE_NAMES,
  httpServiceNamed,
  serviceNamed,
  ssmNames,
} from '@imgpipe/registry';
import type { ServiceName } from '@imgpipe/registry';

/** The deployment stage used when `--stage` is not given: the one infra deploys by default. */
export { DEFAULT_STAGE };

/** The services that read a queue of their own, by their short name. */
export const QUEUE_SERVICES = SERVICE_NAMES;

/** One of {@link QUEUE_SERVICES}. */
export type QueueService = ServiceName;

/** A resource the command line looks up by name. */
export type ResourceName =
  | 'sourceBucket'
  | 'processedBucket'
  | 'table'
  | 'uploadTopic'
  | 'uploadApi'
  | `${QueueService}Queue`
  | `${QueueService}Dlq`;

/** Every SSM parameter the CLI reads, as the infra stacks publish them (the registry's names). */
function parameterNames(stage: string): Record<ResourceName, string> {
  const names = ssmNames(stage);
  const queues = Object.fromEntries(
    QUEUE_SERVICES.flatMap((service) => {
      const own = names.service(serviceNamed(service).project);
      return [
        [`${service}Queue`, own.queueUrl],
        [`${service}Dlq`, own.dlqUrl],
      ];
    }),
  ) as Record<`${QueueService}Queue` | `${QueueService}Dlq`, string>;
  return {
    sourceBucket: names.sourceBucketName,
    processedBucket: names.processedBucketName,
    table: names.imageTableName,
    uploadTopic: names.uploadTopicArn,
    uploadApi: names.service(httpServiceNamed('upload-api').project).apiUrl,
    ...queues,
  };
}

/** Every resource the command line can look up. */
export const RESOURCE_NAMES = Object.keys(parameterNames(DEFAULT_STAGE)) as ResourceName[];

/**
 * The SSM parameters below `/imgpipe/<stage>/`, for messages and help texts.
 *
 * @example
 * SSM_PARAMETERS.resizeDlq; // 'resize-service/dlq-url'
 */
export const SSM_PARAMETERS = Object.fromEntries(
  Object.entries(parameterNames(DEFAULT_STAGE)).map(([name, path]) => [
    name,
    path.slice(ssmNames(DEFAULT_STAGE).prefix.length + 1),
  ]),
) as Readonly<Record<ResourceName, string>>;

/**
 * The full SSM parameter name of a resource for a stage.
 *
 * @example
 * ssmParameterName('prod', 'table'); // '/imgpipe/prod/image-table-name'
 * ssmParameterName('prod', 'resizeDlq'); // '/imgpipe/prod/resize-service/dlq-url'
 */
export function ssmParameterName(stage: string, resource: ResourceName): string {
  return parameterNames(stage)[resource];
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
