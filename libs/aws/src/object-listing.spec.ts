import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { listObjects } from './object-listing';

describe('listObjects', () => {
  const s3 = mockClient(S3Client);
  const client = new S3Client({ region: 'us-east-1' });
  beforeEach(() => s3.reset());

  it('given a listing in two pages, when listed under a prefix, then it follows the token and keeps every object in order', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined })
      .resolves({
        Contents: [{ Key: 'albums/a.jpg', Size: 3, ETag: '"e1"' }],
        IsTruncated: true,
        NextContinuationToken: 't1',
      })
      .on(ListObjectsV2Command, { ContinuationToken: 't1' })
      .resolves({ Contents: [{ Key: 'albums/b c+d.jpg', Size: 5, ETag: '"e2"' }] });

    const objects = await listObjects(client, 'source', { prefix: 'albums/' });

    expect(objects).toEqual([
      { key: 'albums/a.jpg', size: 3, eTag: 'e1' },
      { key: 'albums/b c+d.jpg', size: 5, eTag: 'e2' },
    ]);
    const calls = s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { Bucket: 'source', Prefix: 'albums/' },
      { Bucket: 'source', Prefix: 'albums/', ContinuationToken: 't1' },
    ]);
  });

  it('given no prefix, when listed, then the whole bucket is asked for', async () => {
    s3.on(ListObjectsV2Command).resolves({});

    await expect(listObjects(client, 'source')).resolves.toEqual([]);
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({ Bucket: 'source' });
  });

  it('given since, when listed, then only objects modified at or after it are kept', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: 'old.jpg', Size: 1, ETag: '"o"', LastModified: new Date('2026-11-01T00:00:00Z') },
        { Key: 'edge.jpg', Size: 1, ETag: '"e"', LastModified: new Date('2026-11-20T00:00:00Z') },
        { Key: 'new.jpg', Size: 1, ETag: '"n"', LastModified: new Date('2026-11-25T00:00:00Z') },
      ],
    });

    const objects = await listObjects(client, 'source', {
      since: new Date('2026-11-20T00:00:00Z'),
    });

    expect(objects.map((object) => object.key)).toEqual(['edge.jpg', 'new.jpg']);
  });
});
