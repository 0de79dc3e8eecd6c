import type { ImageRecord } from '@imgpipe/event-schemas';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { callerOf } from './caller';
import type { PageKey } from './cursor';
import { decodeCursor, encodeCursor } from './cursor';
import { corsHeaders, errorResult, json } from './http-responses';
import type { HttpResult } from './http-responses';
import { imageIdOf, keyOfImageId } from './image-ids';
import { outputsOf, ownsRecord, summarize } from './image-views';
import type { ImageView } from './image-views';
import { jsonBody, listQuerySchema, parseInput, uploadRequestSchema } from './requests';
import { routeOf } from './routes';
import { uploadKey } from './upload-keys';
import { uploadPolicy } from './upload-policy';
import type { PostCondition } from './upload-policy';

/** What the API needs from AWS, passed in so tests use fakes and the handler real clients. */
export interface UploadApiPorts {
  /** A presigned POST for `key` in the source bucket. */
  presignPost(request: {
    readonly key: string;
    readonly fields: Readonly<Record<string, string>>;
    readonly conditions: readonly PostCondition[];
    readonly expiresSeconds: number;
  }): Promise<{ readonly url: string; readonly fields: Record<string, string> }>;
  /** A presigned GET of a key in the processed bucket. */
  presignGet(key: string, expiresSeconds: number): Promise<string>;
  getRecord(imageId: string): Promise<ImageRecord | undefined>;
  /** A page of an owner's records, newest first (the `byOwner` index). */
  listByOwner(
    owner: string,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<{ readonly records: readonly ImageRecord[]; readonly nextKey: PageKey | undefined }>;
  /** A fresh unique name for an upload. */
  newName(): string;
  now(): Date;
}

/** The API's settings (see config.ts). */
export interface UploadApiSettings {
  readonly processedBucket: string;
  readonly maxBytes: number;
  readonly uploadExpiresSeconds: number;
  readonly downloadExpiresSeconds: number;
  readonly defaultPageSize: number;
  readonly corsOrigins: readonly string[];
}

type Event = Pick<
  APIGatewayProxyEventV2WithJWTAuthorizer,
  'routeKey' | 'requestContext' | 'headers' | 'pathParameters' | 'queryStringParameters'
> & { readonly body?: string; readonly isBase64Encoded?: boolean };

async function createUploads(
  event: Event,
  owner: string,
  ports: UploadApiPorts,
  settings: UploadApiSettings,
): Promise<HttpResult> {
  const body = jsonBody(event);
  if (!body.ok) return errorResult('bad-request', body.message);
  const request = parseInput(uploadRequestSchema, body.value);
  if (!request.ok) return errorResult('bad-request', request.message);
  const oversized = request.value.files.filter(
    (file) => file.size !== undefined && file.size > settings.maxBytes,
  );
  if (oversized.length > 0) {
    return errorResult(
      'too-large',
      `over the ${settings.maxBytes}-byte limit: ${oversized.map((file) => file.name).join(', ')}`,
    );
  }
  const expiresAt = new Date(
    ports.now().getTime() + settings.uploadExpiresSeconds * 1000,
  ).toISOString();
  const uploads = await Promise.all(
    request.value.files.map(async (file) => {
      const key = uploadKey(owner, file.name, file.contentType, ports.newName());
      const policy = uploadPolicy({
        owner,
        contentType: file.contentType,
        maxBytes: settings.maxBytes,
      });
      const post = await ports.presignPost({
        key,
        ...policy,
        expiresSeconds: settings.uploadExpiresSeconds,
      });
      return { name: file.name, id: imageIdOf(key), imageId: key, ...post, expiresAt };
    }),
  );
  return json(201, { uploads, maxBytes: settings.maxBytes });
}

async function getImage(
  id: string,
  owner: string,
  ports: UploadApiPorts,
  settings: UploadApiSettings,
): Promise<HttpResult> {
  const key = keyOfImageId(id);
  const record = key === undefined ? undefined : await ports.getRecord(key);
  // Another owner's image is as unknown as a missing one: its existence is not revealed.
  if (record === undefined || !ownsRecord(record, owner)) {
    return errorResult('not-found', 'no image with that id');
  }
  const outputs = await Promise.all(
    outputsOf(record).map(async (output) => ({
      ...output,
      url: await ports.presignGet(output.key, settings.downloadExpiresSeconds),
    })),
  );
  const view: ImageView = {
    ...summarize(record),
    record,
    processedBucket: settings.processedBucket,
    outputs,
  };
  return json(200, view);
}

async function listImages(
  event: Event,
  owner: string,
  ports: UploadApiPorts,
  settings: UploadApiSettings,
): Promise<HttpResult> {
  const query = parseInput(listQuerySchema, { ...event.queryStringParameters });
  if (!query.ok) return errorResult('bad-request', query.message);
  const { cursor, limit = settings.defaultPageSize } = query.value;
  const startKey = cursor === undefined ? undefined : decodeCursor(cursor, owner);
  if (cursor !== undefined && startKey === undefined) {
    return errorResult('bad-request', 'cursor is not one this API gave you');
  }
  const page = await ports.listByOwner(owner, limit, startKey);
  return json(200, {
    images: page.records.map(summarize),
    ...(page.nextKey === undefined ? {} : { cursor: encodeCursor(page.nextKey) }),
  });
}

async function route(
  event: Event,
  ports: UploadApiPorts,
  settings: UploadApiSettings,
): Promise<HttpResult> {
  const method = event.requestContext.http.method.toUpperCase();
  const target = routeOf(event.routeKey, method, event.pathParameters);
  if (target.name === 'preflight') return { statusCode: 204, headers: {} };
  if (target.name === 'unknown') return errorResult('not-found', 'no such route');
  const caller = callerOf(event);
  if (!caller.ok) {
    return errorResult(caller.status === 401 ? 'unauthorized' : 'forbidden', caller.message);
  }
  switch (target.name) {
    case 'create-uploads':
      return createUploads(event, caller.owner, ports, settings);
    case 'get-image':
      return getImage(target.id, caller.owner, ports, settings);
    case 'list-images':
      return listImages(event, caller.owner, ports, settings);
  }
}

/**
 * Answers one HTTP API v2 request: routes it, takes the owner from the validated token,
 * validates input, and adds CORS headers for an allowed origin.
 *
 * @example
 * const result = await handleRequest(event, ports, settings);
 */
export async function handleRequest(
  event: Event,
  ports: UploadApiPorts,
  settings: UploadApiSettings,
): Promise<HttpResult> {
  const result = await route(event, ports, settings);
  const origin = event.headers?.['origin'];
  return {
    ...result,
    headers: { ...result.headers, ...corsHeaders(origin, settings.corsOrigins) },
  };
}
