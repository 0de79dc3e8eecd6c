import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StackDescription } from '@imgpipe/aws';
import { createConcurrencyLimit, queueCounts } from '@imgpipe/dlq';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { SERVICE_NAMES } from '@imgpipe/registry';
import sharp from 'sharp';
import { auditRecords } from './audit-rules';
import type { AuditFindings, NamedOutput } from './audit-rules';
import type { ImageSpec } from './corpus-plan';

/** Clients of the stack being counted, as the administrator. */
export interface CountClients {
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
}

/** A full count: the record findings, outputs that do not decode as recorded, and the DLQs. */
export interface FullCount extends AuditFindings {
  readonly undecodable: readonly string[];
  /** Messages (visible and hidden) in each service's DLQ. */
  readonly dlq: Readonly<Record<string, number>>;
  readonly records: ReadonlyMap<string, ImageRecord>;
}

/**
 * Every record of the table, by image key.
 *
 * @example
 * const records = await scanRecords(db, stack.table);
 */
export async function scanRecords(
  db: DynamoDBDocumentClient,
  table: string,
): Promise<Map<string, ImageRecord>> {
  const records = new Map<string, ImageRecord>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) records.set(String(item['imageId']), item as ImageRecord);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return records;
}

/**
 * Every key and ETag in a bucket.
 *
 * @example
 * const keys = await listBucket(s3, stack.buckets.processed);
 */
export async function listBucket(s3: S3Client, bucket: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? [])
      if (object.Key !== undefined) keys.set(object.Key, object.ETag ?? '');
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys;
}

/**
 * Messages in each service's DLQ, hidden ones included.
 *
 * @example
 * const depths = await dlqDepths(sqs, stack); // { resize: 0, watermark: 0, metadata: 0 }
 */
export async function dlqDepths(
  sqs: SQSClient,
  stack: StackDescription,
): Promise<Record<string, number>> {
  const depths: Record<string, number> = {};
  for (const service of SERVICE_NAMES) {
    const { visible, hidden } = await queueCounts(sqs, stack.queues[service].dlqUrl);
    depths[service] = visible + hidden;
  }
  return depths;
}

/**
 * Outputs already decoded, by key and ETag: a later count decodes an output again only
 * when its bytes changed, so counting after every phase stays affordable.
 */
export type DecodedCache = Map<string, true>;

async function decodesAsRecorded(
  s3: S3Client,
  bucket: string,
  output: NamedOutput,
): Promise<string | undefined> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: output.key }));
  const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
  try {
    // The first frame of an animated output: its record gives a frame's size.
    const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    return info.width === output.width && info.height === output.height
      ? undefined
      : `${output.key}: decodes to ${info.width}×${info.height}, recorded ${output.width}×${output.height}`;
  } catch (error) {
    return `${output.key}: does not decode (${String(error)})`;
  }
}

/**
 * Counts every uploaded image (see `auditRecords`), decodes every output a record names
 * (each version once, see {@link DecodedCache}) and reads every DLQ's depth.
 *
 * @example
 * const count = await fullCount(clients, stack, uploadedSoFar, decoded);
 */
export async function fullCount(
  clients: CountClients,
  stack: StackDescription,
  specs: readonly ImageSpec[],
  decoded: DecodedCache,
): Promise<FullCount> {
  const records = await scanRecords(clients.db, stack.table);
  const processed = await listBucket(clients.s3, stack.buckets.processed);
  const findings = auditRecords(specs, records, new Set(processed.keys()));
  const limit = createConcurrencyLimit(2);
  const undecodable = await Promise.all(
    findings.outputs.map((output) =>
      limit(async () => {
        const version = `${output.key}\u0000${processed.get(output.key)}\u0000${output.width}×${output.height}`;
        if (decoded.has(version)) return undefined;
        const problem = await decodesAsRecorded(clients.s3, stack.buckets.processed, output);
        if (problem === undefined) decoded.set(version, true);
        return problem;
      }),
    ),
  );
  return {
    ...findings,
    undecodable: undecodable.filter((problem): problem is string => problem !== undefined),
    dlq: await dlqDepths(clients.sqs, stack),
    records,
  };
}
