import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { buildSnsEnvelope, compareSequencers, parseImageEvents } from '@imgpipe/event-schemas';
import { mockClient } from 'aws-sdk-client-mock';
import { createBridge, sourceObjectEventsOf } from './s3-bridge';
import { SequencerStore } from './sequencer-store';
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

describe('sourceObjectEventsOf', () => {
  it('given a put to the source bucket, then its facts come through with the key as stored', () => {
    const event = s3rverEvent('ObjectCreated:Put', 'imgpipe-source', {
      key: 'my photos/café + tea.jpg',
      size: 12,
      eTag: 'abc',
    });

    expect(sourceObjectEventsOf(event, 'imgpipe-source')).toEqual([
      {
        kind: 'created',
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
    const [created] = sourceObjectEventsOf(
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

    expect(sourceObjectEventsOf(event, 'imgpipe-source').map((created) => created.key)).toEqual([
      'big.jpg',
    ]);
  });

  it('given a write or a deletion in the processed bucket, then nothing is published', () => {
    for (const eventName of ['ObjectCreated:Put', 'ObjectRemoved:Delete']) {
      expect(
        sourceObjectEventsOf(
          s3rverEvent(eventName, 'imgpipe-processed', { key: 'x', size: 1, eTag: 'e' }),
          'imgpipe-source',
        ),
      ).toEqual([]);
    }
  });

  it('given a deletion in the source bucket, then it is a removed event with the key as stored and no size or eTag', () => {
    const event = s3rverEvent('ObjectRemoved:Delete', 'imgpipe-source', { key: 'a b+c.jpg' });

    expect(sourceObjectEventsOf(event, 'imgpipe-source')).toEqual([
      {
        kind: 'removed',
        bucket: 'imgpipe-source',
        key: 'a b+c.jpg',
        eventName: 'ObjectRemoved:Delete',
        eventTime: '2026-01-01T00:00:00.000Z',
        requestId: 'REQ1',
      },
    ]);
  });
});

describe('createBridge', () => {
  const sns = mockClient(SNSClient);
  let dir: string;
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    dir = mkdtempSync(join(tmpdir(), 'bridge-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given an upload then its deletion, then both are published to the topic, the removal with a greater sequencer', async () => {
    const bridge = createBridge({
      s3: new S3Client({ region: 'us-east-1' }),
      sns: new SNSClient({ region: 'us-east-1' }),
      topicArn: 'arn:aws:sns:us-east-1:000000000000:uploads',
      sourceBucket: 'imgpipe-source',
      region: 'us-east-1',
      sequencers: SequencerStore.open(join(dir, 'sequencers.json'), () => 1_000),
      onPublished: () => undefined,
      onError: (key, error) => {
        throw new Error(`${key}: ${String(error)}`);
      },
    });

    bridge.handle(
      s3rverEvent('ObjectCreated:Put', 'imgpipe-source', { key: 'a b.jpg', size: 3, eTag: 'e' }),
    );
    bridge.handle(s3rverEvent('ObjectRemoved:Delete', 'imgpipe-source', { key: 'a b.jpg' }));
    await bridge.idle();

    const events = sns
      .commandCalls(PublishCommand)
      .flatMap((call) =>
        parseImageEvents(JSON.stringify(buildSnsEnvelope(call.args[0].input.Message ?? '', 't'))),
      );
    expect(events.map((event) => [event.kind, event.key, event.size])).toEqual([
      ['created', 'a b.jpg', 3],
      ['removed', 'a b.jpg', undefined],
    ]);
    const [created, removed] = events;
    expect(compareSequencers(removed?.sequencer ?? '0', created?.sequencer ?? '0')).toBeGreaterThan(
      0,
    );
  });
});
