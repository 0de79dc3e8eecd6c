import { buildS3EventRecord } from './notification-builders';
import { s3EventRecordSchema } from './s3-event.schema';

describe('buildS3EventRecord', () => {
  it('given object facts, then the record has the AWS shape: v2.1, encoded key, bucket ARN', () => {
    const record = buildS3EventRecord({ bucket: 'imgpipe-source', key: 'a b/é+.jpg', sequencer: '0A', size: 5, eTag: 'e' });

    expect(s3EventRecordSchema.parse(record)).toEqual(record);
    expect(record.eventVersion).toBe('2.1');
    expect(record.s3.bucket.arn).toBe('arn:aws:s3:::imgpipe-source');
    expect(record.s3.object).toEqual({ key: 'a+b/%C3%A9%2B.jpg', size: 5, eTag: 'e', sequencer: '0A' });
  });

  it('given no size or eTag (as for a copy), then those fields are absent rather than undefined', () => {
    const record = buildS3EventRecord({ bucket: 'b', key: 'k', sequencer: '01' });

    expect(Object.keys(record.s3.object)).toEqual(['key', 'sequencer']);
  });
});
