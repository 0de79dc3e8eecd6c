import { MalformedEventError, parseImageEvents } from './image-event';
import {
  buildS3EventRecord,
  buildS3Notification,
  buildSnsEnvelope,
  buildSqsBodyForObject,
} from './notification-builders';
import { normalizeSequencer } from './sequencer';

const topicArn = 'arn:aws:sns:eu-west-1:123456789012:imgpipe-uploads';

function body(message: unknown): string {
  return JSON.stringify(buildSnsEnvelope(JSON.stringify(message), topicArn));
}

describe('parseImageEvents', () => {
  it('given an upload with spaces, unicode and plus in its key, then the event carries the decoded key', () => {
    const sqsBody = buildSqsBodyForObject({
      bucket: 'imgpipe-source',
      key: 'Ana María/c++ beach+sun.jpg',
      sequencer: '0055AED6DCD90281E5',
      size: 1234,
      eTag: 'abc',
      requestId: 'C3D13FE58DE4C810',
    });

    const [event, ...rest] = parseImageEvents(sqsBody);

    expect(rest).toHaveLength(0);
    expect(event).toEqual({
      kind: 'created',
      imageId: 'Ana María/c++ beach+sun.jpg',
      bucket: 'imgpipe-source',
      key: 'Ana María/c++ beach+sun.jpg',
      size: 1234,
      eTag: 'abc',
      sequencer: normalizeSequencer('0055AED6DCD90281E5'),
      eventName: 'ObjectCreated:Put',
      eventTime: expect.any(String),
      requestId: 'C3D13FE58DE4C810',
    });
  });

  it('given the exact JSON S3 sends, then it parses', () => {
    // Shape of a real notification (eventVersion 2.1), as delivered through SNS.
    const real = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'eu-west-1',
          eventTime: '2026-11-20T10:00:00.123Z',
          eventName: 'ObjectCreated:CompleteMultipartUpload',
          userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
          requestParameters: { sourceIPAddress: '203.0.113.9' },
          responseElements: {
            'x-amz-request-id': 'D82B88E5F771F645',
            'x-amz-id-2':
              'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=',
          },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'imgpipe',
            bucket: {
              name: 'src-bucket',
              ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
              arn: 'arn:aws:s3:::src-bucket',
            },
            object: {
              key: 'raw/IMG%5F0001+%281%29.HEIC',
              size: 3045678,
              eTag: 'd41d8cd98f00b204e9800998ecf8427e-2',
              sequencer: '0062E99A88DC407460',
            },
          },
        },
      ],
    };

    const events = parseImageEvents(body(real));

    expect(events.map((e) => [e.key, e.size, e.eventName])).toEqual([
      ['raw/IMG_0001 (1).HEIC', 3045678, 'ObjectCreated:CompleteMultipartUpload'],
    ]);
  });

  it('given an s3:TestEvent, then there are no events', () => {
    const testEvent = {
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2026-01-01T00:00:00.000Z',
      Bucket: 'b',
      RequestId: 'R',
      HostId: 'H',
    };

    expect(parseImageEvents(body(testEvent))).toEqual([]);
  });

  it.each(['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated'])(
    'given a %s event, then it is a removed event with the decoded key and no size or eTag',
    (eventName) => {
      const removed = buildS3Notification([
        buildS3EventRecord({ bucket: 'b', key: 'a b+c.jpg', sequencer: '0A', eventName }),
      ]);

      const events = parseImageEvents(body(removed));

      expect(events).toEqual([
        expect.objectContaining({
          kind: 'removed',
          imageId: 'a b+c.jpg',
          key: 'a b+c.jpg',
          size: undefined,
          eTag: undefined,
          sequencer: normalizeSequencer('0A'),
          eventName,
        }),
      ]);
    },
  );

  it('given a removal and a re-upload in one notification, then both come through in order with their kinds', () => {
    const notification = buildS3Notification([
      buildS3EventRecord({
        bucket: 'b',
        key: 'k.jpg',
        sequencer: '02',
        eventName: 'ObjectRemoved:Delete',
      }),
      buildS3EventRecord({ bucket: 'b', key: 'k.jpg', sequencer: '03', size: 5, eTag: 'e' }),
    ]);

    const events = parseImageEvents(body(notification));

    expect(events.map((e) => [e.kind, e.sequencer])).toEqual([
      ['removed', normalizeSequencer('02')],
      ['created', normalizeSequencer('03')],
    ]);
  });

  it('given an event of another family (ObjectRestore), then it yields no image event', () => {
    const restore = buildS3Notification([
      buildS3EventRecord({
        bucket: 'b',
        key: 'k.jpg',
        sequencer: '01',
        eventName: 'ObjectRestore:Completed',
      }),
    ]);

    expect(parseImageEvents(body(restore))).toEqual([]);
  });

  it.each([
    ['not JSON', 'SQS body is not JSON'],
    [JSON.stringify({ Records: [] }), 'SQS body is not an SNS notification'],
    [JSON.stringify(buildSnsEnvelope('{oops', topicArn)), 'SNS Message is not JSON'],
    [body({ Records: [{ eventSource: 'aws:s3' }] }), 'SNS Message is not an S3 event notification'],
  ])(
    'given a malformed body (%s), then a permanent MalformedEventError names the layer',
    (sqsBody, message) => {
      const parse = () => parseImageEvents(sqsBody);

      expect(parse).toThrow(MalformedEventError);
      expect(parse).toThrow(message);
    },
  );
});
