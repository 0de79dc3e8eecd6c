import type { Grant } from './grants';

/** The attributes of an image record, each written by exactly one service (DESIGN.md §4). */
export const STAGES = ['image', 'resize', 'watermark'] as const;
export type StageName = (typeof STAGES)[number];

/** The processed-bucket prefix the watermark service may read its logo from. */
export const WATERMARK_ASSET_PREFIX = 'assets/watermark/';

/** A service fed by its own SQS queue subscribed to the upload topic. */
export interface QueueFedService {
  readonly kind: 'queue-fed';
  /** Short name: queue, function and alarm names (`imgpipe-dev-resize-queue`), `--services`. */
  readonly name: string;
  /** The Nx project, also `POWERTOOLS_SERVICE_NAME` and the `service` metric dimension. */
  readonly project: string;
  /** The image-record attribute this service owns. */
  readonly stage: StageName;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /** Messages per invocation; the handler works through them and reports partial failures. */
  readonly batchSize: number;
  /** Upper bound on concurrent invocations, set on the event source mapping (min 2). */
  readonly maxConcurrency: number;
  /**
   * Images one function instance works on at once (`MAX_CONCURRENT_IMAGES`): the most, up to
   * the batch size, for which a full batch of the worst accepted input (100 MP progressive
   * JPEGs) peaks under 80 % of `memorySize` (`npm run bench -- --memory-only`).
   */
  readonly maxConcurrentImages: number;
  /** Alarm when the oldest queued message is older than this. */
  readonly maxMessageAgeMinutes: number;
  /** The only processed-bucket prefix it writes; absent when it writes no objects. */
  readonly outputPrefix?: string;
  /** Its identity policy, besides the event source mapping's {@link EVENT_SOURCE_ACTIONS}. */
  readonly grants: readonly Grant[];
  /** Service-specific environment, merged over the shared variables. */
  readonly environment: Readonly<Record<string, string>>;
}

const readSourceObjects: Grant = {
  sid: 'ReadSourceObjects',
  actions: ['s3:GetObject'],
  resources: [{ kind: 'bucket', bucket: 'source', keys: '*' }],
  why: 'HEAD (size and metadata before download) and GET of any uploaded key; nothing else in the source bucket.',
};

const listSourceBucket: Grant = {
  sid: 'ListSourceBucket',
  actions: ['s3:ListBucket'],
  resources: [{ kind: 'bucket', bucket: 'source' }],
  why: 'Without it S3 answers a HEAD on a missing key with 403 instead of 404, so an upload deleted before processing would retry into the DLQ instead of being recorded as gone.',
};

const imageRecordStage: Grant = {
  sid: 'ReadAndWriteImageRecord',
  actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  resources: [{ kind: 'table' }],
  why: 'GetItem finds duplicate and out-of-order events before any work; UpdateItem writes the stage with a condition on its sequencer.',
};

function writeOutputs(prefix: string): Grant {
  return {
    sid: 'WriteOwnOutputPrefix',
    actions: ['s3:PutObject'],
    resources: [{ kind: 'bucket', bucket: 'processed', keys: `${prefix}*` }],
    why: `Output keys are derived from source keys, so the grant is PutObject on the service's own prefix (${prefix}) only.`,
  };
}

function deleteOutputs(prefix: string): Grant {
  return {
    sid: 'DeleteOwnOutputPrefix',
    actions: ['s3:DeleteObject'],
    resources: [{ kind: 'bucket', bucket: 'processed', keys: `${prefix}*` }],
    why: `When a source object is removed the service deletes the outputs it wrote for it, which are under its own prefix (${prefix}) only.`,
  };
}

/**
 * The queue-fed services of DESIGN.md §1 (the HTTP ones are `HTTP_SERVICES`, every kind
 * `ALL_SERVICES`). Timeouts leave room for the largest accepted
 * input (100 MP) times the batch size; memory buys CPU, which is what sharp spends.
 */
export const SERVICES = [
  {
    kind: 'queue-fed',
    name: 'resize',
    project: 'resize-service',
    stage: 'resize',
    memorySize: 2048,
    timeoutSeconds: 90,
    batchSize: 2,
    maxConcurrency: 10,
    // The whole batch: 753 MB of 2048.
    maxConcurrentImages: 2,
    maxMessageAgeMinutes: 15,
    outputPrefix: 'resized/',
    grants: [
      readSourceObjects,
      listSourceBucket,
      writeOutputs('resized/'),
      deleteOutputs('resized/'),
      imageRecordStage,
    ],
    environment: {},
  },
  {
    kind: 'queue-fed',
    name: 'watermark',
    project: 'watermark-service',
    stage: 'watermark',
    memorySize: 1536,
    timeoutSeconds: 60,
    batchSize: 4,
    maxConcurrency: 10,
    // 1079 MB of 1536; all 4 at once peak at 1402 MB.
    maxConcurrentImages: 3,
    maxMessageAgeMinutes: 15,
    outputPrefix: 'watermarked/',
    grants: [
      readSourceObjects,
      listSourceBucket,
      writeOutputs('watermarked/'),
      deleteOutputs('watermarked/'),
      {
        sid: 'ReadWatermarkAssets',
        actions: ['s3:GetObject'],
        resources: [{ kind: 'bucket', bucket: 'processed', keys: `${WATERMARK_ASSET_PREFIX}*` }],
        why: `WATERMARK_LOGO_KEY may name a logo kept in the processed bucket, under ${WATERMARK_ASSET_PREFIX} only.`,
      },
      imageRecordStage,
    ],
    environment: {},
  },
  {
    kind: 'queue-fed',
    name: 'metadata',
    project: 'metadata-service',
    stage: 'image',
    memorySize: 1024,
    timeoutSeconds: 30,
    batchSize: 10,
    maxConcurrency: 5,
    // 771 MB of 1024; all 10 at once peak at 1489 MB, over its memory.
    maxConcurrentImages: 2,
    maxMessageAgeMinutes: 10,
    grants: [readSourceObjects, listSourceBucket, imageRecordStage],
    environment: {},
  },
] as const satisfies readonly QueueFedService[];

/** A service's short name: `resize`, `watermark`, `metadata`. */
export type ServiceName = (typeof SERVICES)[number]['name'];
/** A service's Nx project: `resize-service`, … */
export type ServiceProject = (typeof SERVICES)[number]['project'];

/** Every service's short name, in registry order. */
export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((service) => service.name);

/**
 * Finds a service by its short name or its Nx project name.
 *
 * @throws Error listing the known services when the name is unknown.
 * @example
 * serviceNamed('resize').outputPrefix; // 'resized/'
 * serviceNamed('metadata-service').stage; // 'image'
 */
export function serviceNamed(name: string): QueueFedService {
  const found = SERVICES.find((service) => service.name === name || service.project === name);
  if (!found) {
    throw new Error(`unknown service "${name}"; known: ${SERVICE_NAMES.join(', ')}`);
  }
  return found;
}

/**
 * Which service owns which stage attribute, by Nx project.
 *
 * @example
 * STAGE_OF_SERVICE['metadata-service']; // 'image'
 */
export const STAGE_OF_SERVICE = Object.fromEntries(
  SERVICES.map((service) => [service.project, service.stage]),
) as Readonly<Record<ServiceProject, StageName>>;
