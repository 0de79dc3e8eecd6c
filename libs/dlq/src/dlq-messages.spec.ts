import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { summariseDlqMessage } from './dlq-messages';

describe('summariseDlqMessage', () => {
  it('given a notification for a key with spaces, "+" and unicode, then it lists the decoded key with the receive facts', () => {
    const body = buildSqsBodyForObject({
      bucket: 'src',
      key: 'albums/café + tea.jpg',
      sequencer: '0A',
    });

    const summary = summariseDlqMessage({
      MessageId: 'm-1',
      Body: body,
      Attributes: {
        ApproximateReceiveCount: '4',
        SentTimestamp: '1700000000000',
        ApproximateFirstReceiveTimestamp: '1700000005000',
      },
    });

    expect(summary).toEqual({
      messageId: 'm-1',
      receiveCount: 4,
      sentAt: new Date('2023-11-14T22:13:20.000Z'),
      firstReceivedAt: new Date('2023-11-14T22:13:25.000Z'),
      keys: ['albums/café + tea.jpg'],
    });
  });

  it('given a body that is not JSON, then it is marked malformed with the parse error instead of throwing', () => {
    const summary = summariseDlqMessage({ MessageId: 'm-2', Body: '{"Type": "Notif' });

    expect(summary.keys).toEqual([]);
    expect(summary.malformed).toBe('SQS body is not JSON');
  });

  it('given JSON that is not an SNS envelope, then the schema error says which field is wrong', () => {
    const summary = summariseDlqMessage({
      MessageId: 'm-3',
      Body: JSON.stringify({ hello: 'world' }),
    });

    expect(summary.malformed).toMatch(/^SQS body is not an SNS notification: .*Message/);
  });

  it('given S3 test event, then it is well formed and holds no keys', () => {
    const body = JSON.stringify({
      Type: 'Notification',
      MessageId: 'sns-1',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      Message: JSON.stringify({
        Service: 'Amazon S3',
        Event: 's3:TestEvent',
        Time: '2024-01-01T00:00:00Z',
        Bucket: 'src',
        RequestId: 'r',
        HostId: 'h',
      }),
      Timestamp: '2024-01-01T00:00:00.000Z',
    });

    const summary = summariseDlqMessage({ MessageId: 'm-4', Body: body });

    expect(summary).toMatchObject({ keys: [] });
    expect(summary.malformed).toBeUndefined();
  });

  it('given no system attributes, then counts and times are unknown rather than zero', () => {
    const summary = summariseDlqMessage({
      MessageId: 'm-5',
      Body: '',
      Attributes: { ApproximateReceiveCount: 'lots' },
    });

    expect(summary.receiveCount).toBeUndefined();
    expect(summary.sentAt).toBeUndefined();
    expect(summary.firstReceivedAt).toBeUndefined();
  });
});
