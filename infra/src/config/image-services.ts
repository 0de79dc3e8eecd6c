import { Duration } from 'aws-cdk-lib';

/** What differs between the queue-fed image services; everything else is shared wiring. */
export interface ImageServiceDefinition {
  /** The Nx project name, also `POWERTOOLS_SERVICE_NAME` and the `service` metric dimension. */
  readonly project: string;
  /** Short name used in queue, function and alarm names (`resize` → `imgpipe-prod-resize-queue`). */
  readonly shortName: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Messages per invocation; the handler works through them and reports partial failures. */
  readonly batchSize: number;
  /** Upper bound on concurrent invocations, set on the event source mapping (min 2). */
  readonly maxConcurrency: number;
  /** The only processed-bucket prefix the function may write; absent when it writes no objects. */
  readonly outputPrefix?: string;
  /** Alarm when the oldest queued message is older than this. */
  readonly maxMessageAge: Duration;
  /** Service-specific environment, merged over the shared variables. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * The three services of DESIGN.md §1. Timeouts leave room for the largest accepted input
 * (100 MP) times the batch size; memory buys CPU, which is what sharp spends.
 */
export const IMAGE_SERVICES: readonly ImageServiceDefinition[] = [
  {
    project: 'resize-service',
    shortName: 'resize',
    memorySize: 2048,
    timeout: Duration.seconds(90),
    batchSize: 2,
    maxConcurrency: 10,
    outputPrefix: 'resized/',
    maxMessageAge: Duration.minutes(15),
    environment: {},
  },
  {
    project: 'watermark-service',
    shortName: 'watermark',
    memorySize: 1536,
    timeout: Duration.seconds(60),
    batchSize: 4,
    maxConcurrency: 10,
    outputPrefix: 'watermarked/',
    maxMessageAge: Duration.minutes(15),
    environment: {},
  },
  {
    project: 'metadata-service',
    shortName: 'metadata',
    memorySize: 1024,
    timeout: Duration.seconds(30),
    batchSize: 10,
    maxConcurrency: 5,
    maxMessageAge: Duration.minutes(10),
    environment: {},
  },
];

/**
 * Finds a service definition by its Nx project name.
 *
 * @throws Error listing the known projects when the name is unknown.
 * @example
 * const resize = imageServiceByProject('resize-service'); // resize.outputPrefix === 'resized/'
 */
export function imageServiceByProject(project: string): ImageServiceDefinition {
  const found = IMAGE_SERVICES.find((service) => service.project === project);
  if (!found) {
    const known = IMAGE_SERVICES.map((service) => service.project).join(', ');
    throw new Error(`Unknown image service "${project}"; known: ${known}`);
  }
  return found;
}
