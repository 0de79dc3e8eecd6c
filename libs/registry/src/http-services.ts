import type { Grant } from './grants';
import { SERVICES } from './services';
import type { QueueFedService } from './services';

/**
 * A service behind an HTTP API (API Gateway HTTP API → one Lambda function, JWT
 * authorizer), built, tested and deployed alone like the queue-fed ones.
 */
export interface HttpService {
  readonly kind: 'http';
  /** Short name: function and alarm names, the local principal `<name>`. */
  readonly name: string;
  /** The Nx project, also `POWERTOOLS_SERVICE_NAME` and the `service` metric dimension. */
  readonly project: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /** API Gateway route keys the function answers; every one needs a caller (the JWT subject). */
  readonly routes: readonly string[];
  /** Stage throttling: steady requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Alarm when the p99 integration latency stays above this. */
  readonly latencyP99AlarmMs: number;
  /** Its identity policy: the presigned URLs it hands out are signed with it. */
  readonly grants: readonly Grant[];
  /** Service-specific environment, merged over the shared variables. */
  readonly environment: Readonly<Record<string, string>>;
}

/** A service of any kind: one registry entry plus its folder. */
export type Service = QueueFedService | HttpService;

/** The environment variables upload-api reads, besides the `MAX_INPUT_BYTES` limit. */
export const UPLOAD_API_ENV = {
  sourceBucket: 'SOURCE_BUCKET',
  processedBucket: 'PROCESSED_BUCKET',
  table: 'IMAGE_TABLE',
  /** Comma-separated origins allowed by CORS (`*` for any); the HTTP API's CORS config too. */
  corsOrigins: 'CORS_ALLOWED_ORIGINS',
  uploadExpiresSeconds: 'UPLOAD_EXPIRES_SECONDS',
  downloadExpiresSeconds: 'DOWNLOAD_EXPIRES_SECONDS',
} as const;

/**
 * Content types an upload may declare, each with the extensions kept on the key: the
 * formats the services decode (libs/imaging `DecodableFormat`; HEIC/HEIF through its
 * WebAssembly decoder).
 */
export const UPLOAD_CONTENT_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'image/avif': ['avif'],
  'image/tiff': ['tif', 'tiff'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
} as const satisfies Record<string, readonly string[]>;
export type UploadContentType = keyof typeof UPLOAD_CONTENT_TYPES;

/** Upload and listing bounds; the byte limit is `ImageLimits.maxBytes`, not repeated here. */
export const UPLOAD_SETTINGS = Object.freeze({
  /** A presigned POST is good for this long: enough to start an upload, not to share it. */
  uploadExpiresSeconds: 300,
  /** Presigned GETs of outputs. */
  downloadExpiresSeconds: 900,
  maxFilesPerRequest: 20,
  defaultPageSize: 20,
  maxPageSize: 100,
});

/** Every processed-bucket prefix a queue-fed service writes: what upload-api may hand out. */
const OUTPUT_PREFIXES = SERVICES.flatMap((service) =>
  'outputPrefix' in service ? [service.outputPrefix] : [],
);

/** The HTTP services of DESIGN.md §1. */
export const HTTP_SERVICES = [
  {
    kind: 'http',
    name: 'upload-api',
    project: 'upload-api',
    // No image work: signing and one DynamoDB call per request.
    memorySize: 512,
    timeoutSeconds: 10,
    routes: ['POST /uploads', 'GET /images', 'GET /images/{id}'],
    throttle: { rateLimit: 50, burstLimit: 100 },
    latencyP99AlarmMs: 1000,
    grants: [
      {
        sid: 'PresignUploads',
        actions: ['s3:PutObject'],
        resources: [{ kind: 'bucket', bucket: 'source', keys: '*/*' }],
        why: 'A presigned POST is authorised as its signer: the role needs PutObject on the keys it hands out, which are always under an owner prefix (`<owner>/…`), never the bucket root.',
      },
      {
        sid: 'ReadImageRecord',
        actions: ['dynamodb:GetItem'],
        resources: [{ kind: 'table' }],
        why: '`GET /images/{id}` reads one record.',
      },
      {
        sid: 'ListOwnImages',
        actions: ['dynamodb:Query'],
        // BY_OWNER_INDEX in libs/aws; the upload-api specs hold the two equal.
        resources: [{ kind: 'table', index: 'byOwner' }],
        why: '`GET /images` pages through the caller’s images on the byOwner index.',
      },
      {
        sid: 'PresignOutputDownloads',
        actions: ['s3:GetObject'],
        resources: OUTPUT_PREFIXES.map((prefix) => ({
          kind: 'bucket' as const,
          bucket: 'processed' as const,
          keys: `${prefix}*`,
        })),
        why: 'Presigned GETs of the outputs a record names, and of nothing else in the processed bucket.',
      },
    ],
    environment: {},
  },
] as const satisfies readonly HttpService[];

/** Every service of every kind, queue-fed first, in registry order. */
export const ALL_SERVICES: readonly Service[] = [...SERVICES, ...HTTP_SERVICES];

/** An HTTP service's short name: `upload-api`. */
export type HttpServiceName = (typeof HTTP_SERVICES)[number]['name'];

/**
 * Finds an HTTP service by its short name or its Nx project name.
 *
 * @throws Error listing the known HTTP services when the name is unknown.
 * @example
 * httpServiceNamed('upload-api').routes; // ['POST /uploads', …]
 */
export function httpServiceNamed(name: string): HttpService {
  const found = HTTP_SERVICES.find((service) => service.name === name || service.project === name);
  if (!found) {
    throw new Error(
      `unknown HTTP service "${name}"; known: ${HTTP_SERVICES.map((s) => s.name).join(', ')}`,
    );
  }
  return found;
}

/**
 * Whether a service is queue-fed (has a queue, a DLQ and a stage attribute).
 *
 * @example
 * ALL_SERVICES.filter(isQueueFed).map((service) => service.stage);
 */
export function isQueueFed(service: Service): service is QueueFedService {
  return service.kind === 'queue-fed';
}
