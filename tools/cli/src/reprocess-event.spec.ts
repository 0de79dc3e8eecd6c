import type { ImageRecord } from '@imgpipe/event-schemas';
import { parseImageEvents } from '@imgpipe/event-schemas';
import { reprocessMessage, reprocessSequencer } from './reprocess-event';

const stage = (sequencer: string) => ({
  status: 'rejected' as const,
  code: 'not-an-image',
  reason: 'not an image',
  sequencer,
  updatedAt: '2024-01-01T00:00:00.000Z',
});

describe('reprocessSequencer', () => {
  it('given stages at different sequencers, then one more than the largest, padded', () => {
    const record = {
      imageId: 'a.jpg',
      image: stage('0000000000000000000000000000000A'),
      resize: stage('000000000000000000000000000000FF'),
    } as ImageRecord;

    expect(reprocessSequencer(record)).toBe('00000000000000000000000000000100');
  });

  it('given no record, then the smallest sequencer', () => {
    expect(reprocessSequencer(undefined)).toBe('00000000000000000000000000000001');
  });
});

describe('reprocessMessage', () => {
  it('given a key with spaces, "+" and unicode, then services parse back the same key and sequencer', () => {
    const message = reprocessMessage({
      bucket: 'imgpipe-source',
      key: 'albums/café + tea.jpg',
      sequencer: '00000000000000000000000000000100',
      size: 10,
      eTag: 'abc',
      region: 'eu-west-1',
    });
    const body = JSON.stringify({
      Type: 'Notification',
      MessageId: 'm',
      TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t',
      Message: message,
      Timestamp: '2024-01-01T00:00:00.000Z',
    });

    expect(parseImageEvents(body)).toMatchObject([
      {
        imageId: 'albums/café + tea.jpg',
        bucket: 'imgpipe-source',
        size: 10,
        eTag: 'abc',
        sequencer: '00000000000000000000000000000100',
      },
    ]);
    expect(JSON.parse(message).Records[0].s3.object.key).toBe('albums/caf%C3%A9+%2B+tea.jpg');
  });
});
