import { buildSqsBodyForObject, parseImageEvents } from '@imgpipe/event-schemas';
import { sqsEventFactory, sqsRecordFactory } from './sqs-event-factory';

describe('sqs event factories', () => {
  it('given a body, then the record carries it and the fields a batch processor reads', () => {
    const body = buildSqsBodyForObject({ bucket: 'b', key: 'a b.jpg', sequencer: '01' });

    const record = sqsRecordFactory(body);

    expect(record).toMatchObject({
      body,
      eventSource: 'aws:sqs',
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record.receiptHandle).toContain(record.messageId);
    expect(parseImageEvents(record.body)[0]?.key).toBe('a b.jpg');
  });

  it('given several bodies, then each record gets its own message id', () => {
    const event = sqsEventFactory(['x', 'y', 'z']);

    expect(event.Records.map((r) => r.body)).toEqual(['x', 'y', 'z']);
    expect(new Set(event.Records.map((r) => r.messageId)).size).toBe(3);
  });
});
