import { randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BY_OWNER_INDEX, DynamoImageRecords } from '@imgpipe/aws';
import type { ImageRecord } from '@imgpipe/event-schemas';
import type { PageKey } from './cursor';
import type { UploadApiPorts } from './upload-api';

/**
 * The API's ports on S3 and DynamoDB. Presigned URLs are signed with the function's own
 * credentials, so what they allow is what its role allows.
 *
 * @example
 * const ports = awsPorts({ s3, db, sourceBucket, processedBucket, tableName });
 */
export function awsPorts(deps: {
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
  readonly sourceBucket: string;
  readonly processedBucket: string;
  readonly tableName: string;
}): UploadApiPorts {
  const records = new DynamoImageRecords(deps.db, deps.tableName);
  return {
    async presignPost({ key, fields, conditions, expiresSeconds }) {
      const post = await createPresignedPost(deps.s3, {
        Bucket: deps.sourceBucket,
        Key: key,
        Fields: { ...fields },
        Conditions: conditions as NonNullable<PresignedPostOptions['Conditions']>,
        Expires: expiresSeconds,
      });
      return { url: post.url, fields: post.fields };
    },
    presignGet: (key, expiresSeconds) =>
      getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.processedBucket, Key: key }), {
        expiresIn: expiresSeconds,
      }),
    getRecord: (imageId) => records.get(imageId),
    async listByOwner(owner, limit, startKey) {
      const page = await deps.db.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: BY_OWNER_INDEX,
          KeyConditionExpression: 'ownerId = :owner',
          ExpressionAttributeValues: { ':owner': owner },
          ScanIndexForward: false,
          Limit: limit,
          ...(startKey === undefined ? {} : { ExclusiveStartKey: { ...startKey } }),
        }),
      );
      return {
        records: (page.Items ?? []) as ImageRecord[],
        nextKey: page.LastEvaluatedKey as PageKey | undefined,
      };
    },
    newName: () => randomUUID(),
    now: () => new Date(),
  };
}
