import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { awsPorts } from './aws-ports';
import { uploadPolicy } from './upload-policy';

const s3 = new S3Client({
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:4568',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ports = awsPorts({
  s3,
  db,
  sourceBucket: 'source',
  processedBucket: 'processed',
  tableName: 'images',
});

describe('awsPorts', () => {
  it('given an upload policy, when presigned, then the signed policy pins key, bucket, type, owner and size and expires as asked', async () => {
    const before = Date.now();
    const post = await ports.presignPost({
      key: 'ana/u.png',
      ...uploadPolicy({ owner: 'ana', contentType: 'image/png', maxBytes: 1000 }),
      expiresSeconds: 300,
    });

    expect(post.url).toBe('http://127.0.0.1:4568/source');
    expect(post.fields).toMatchObject({
      key: 'ana/u.png',
      'Content-Type': 'image/png',
      'x-amz-meta-owner': 'ana',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': expect.stringMatching(/^AKID\/\d{8}\/eu-west-1\/s3\/aws4_request$/),
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const policy = JSON.parse(Buffer.from(String(post.fields['Policy']), 'base64').toString());
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1000],
        { 'Content-Type': 'image/png' },
        { 'x-amz-meta-owner': 'ana' },
        { bucket: 'source' },
        { key: 'ana/u.png' },
      ]),
    );
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(298_000);
    expect(expires).toBeLessThanOrEqual(301_000);
  });

  it('given a key, when a download is presigned, then the URL names the processed bucket and its expiry', async () => {
    const url = new URL(await ports.presignGet('resized/ana/u.png/320w.webp', 900));
    expect(url.pathname).toBe('/processed/resized/ana/u.png/320w.webp');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  });

  it('given an owner and a start key, when listed, then the byOwner index is queried newest first from there', async () => {
    const mock = mockClient(db);
    mock.on(QueryCommand).resolves({
      Items: [{ imageId: 'ana/2.png', ownerId: 'ana' }],
      LastEvaluatedKey: { imageId: 'ana/2.png', ownerId: 'ana', uploadedAt: 't2' },
    });
    const start = { imageId: 'ana/1.png', ownerId: 'ana', uploadedAt: 't1' };

    const page = await ports.listByOwner('ana', 5, start);

    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'images',
      IndexName: 'byOwner',
      KeyConditionExpression: 'ownerId = :owner',
      ExpressionAttributeValues: { ':owner': 'ana' },
      ScanIndexForward: false,
      Limit: 5,
      ExclusiveStartKey: start,
    });
    expect(page).toEqual({
      records: [{ imageId: 'ana/2.png', ownerId: 'ana' }],
      nextKey: { imageId: 'ana/2.png', ownerId: 'ana', uploadedAt: 't2' },
    });
    mock.restore();
  });
});
