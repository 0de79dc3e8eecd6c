import { createdObjectsOf } from './s3-bridge';
import type { S3rverEvent } from './s3-bridge';

function s3rverEvent(
  eventName: string,
  bucket: string,
  object: { key: string; size?: number; eTag?: string },
): S3rverEvent {
  return {
    Records: [
      {
        eventName,
        eventTime: '2026-01-01T00:00:00.000Z',
        awsRegion: 'us-east-1',
        responseElements: { 'x-amz-request-id': 'REQ1' },
        s3: { bucket: { name: bucket }, object },
      },
    ],
  };
}

describe('createdObjectsOf', () => {
  it('given a put to the source bucket, then its facts come through with the key as stored', () => {
    const event = s3rverEvent('ObjectCreated:Put', 'imgpipe-source', {
      key: 'my photos/café + tea.jpg',
      size: 12,
      eTag: 'abc',
    });

    expect(createdObjectsOf(event, 'imgpipe-source')).toEqual([
      {
        bucket: 'imgpipe-source',
        key: 'my photos/café + tea.jpg',
        eventName: 'ObjectCreated:Put',
        eventTime: '2026-01-01T00:00:00.000Z',
        size: 12,
        eTag: 'abc',
        requestId: 'REQ1',
      },
    ]);
  });

  it('given a copy (no eTag in s3rver’s event), then the eTag is left for a HEAD', () => {
    const [created] = createdObjectsOf(
      s3rverEvent('ObjectCreated:Copy', 'imgpipe-source', { key: 'c.jpg', size: 3 }),
      'imgpipe-source',
    );

    expect(created).not.toHaveProperty('eTag');
    expect(created?.size).toBe(3);
  });

  it('given a multipart completion (ObjectCreated:Post), then it counts as an upload', () => {
    const event = s3rverEvent('ObjectCreated:Post', 'imgpipe-source', {
      key: 'big.jpg',
      size: 10,
      eTag: 'e',
    });

    expect(createdObjectsOf(event, 'imgpipe-source').map((created) => created.key)).toEqual([
      'big.jpg',
    ]);
  });

  it('given a write to the processed bucket or a deletion, then nothing is published', () => {
    expect(
      createdObjectsOf(
        s3rverEvent('ObjectCreated:Put', 'imgpipe-processed', { key: 'x', size: 1, eTag: 'e' }),
        'imgpipe-source',
      ),
    ).toEqual([]);
    expect(
      createdObjectsOf(
        s3rverEvent('ObjectRemoved:Delete', 'imgpipe-source', { key: 'x' }),
        'imgpipe-source',
      ),
    ).toEqual([]);
  });
});
