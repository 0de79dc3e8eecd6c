import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { ANONYMOUS_OWNER, ownerOf, sourceFactsOf } from './source-facts';

describe('ownerOf', () => {
  it('given owner metadata, then it wins over the key', () => {
    expect(ownerOf('ana/holiday/1.jpg', { owner: ' bo ' })).toBe('bo');
  });

  it('given a key in a folder, then the first folder is the owner', () => {
    expect(ownerOf('Ana María/holiday/1.jpg', {})).toBe('Ana María');
  });

  it('given a key at the bucket root and no metadata, then the owner is anonymous', () => {
    expect(ownerOf('1.jpg', { owner: '   ' })).toBe(ANONYMOUS_OWNER);
    expect(ownerOf('/leading-slash.jpg', {})).toBe(ANONYMOUS_OWNER);
  });
});

describe('sourceFactsOf', () => {
  it('given an event and the HEAD of its object, then the source facts combine both', () => {
    const event: ImageEvent = {
      kind: 'created',
      imageId: 'ana/a b+.jpg',
      bucket: 'imgpipe-source',
      key: 'ana/a b+.jpg',
      size: 10,
      eTag: 'from-event',
      sequencer: normalizeSequencer('0A'),
      eventName: 'ObjectCreated:Put',
      eventTime: '2026-01-01T00:00:00.000Z',
      requestId: undefined,
    };
    const head = {
      size: 10,
      eTag: 'abc',
      contentType: 'image/jpeg',
      lastModified: new Date('2026-03-04T05:06:07.000Z'),
      metadata: {},
    };

    expect(sourceFactsOf(event, head)).toEqual({
      bucket: 'imgpipe-source',
      key: 'ana/a b+.jpg',
      size: 10,
      eTag: 'abc',
      contentType: 'image/jpeg',
      uploadedAt: '2026-03-04T05:06:07.000Z',
      ownerId: 'ana',
      sequencer: normalizeSequencer('0A'),
    });
  });
});
