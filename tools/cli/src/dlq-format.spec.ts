import type { DlqMessageSummary } from '@imgpipe/dlq';
import { UsageError } from './cli-io';
import {
  dlqMessageJson,
  formatDlqListing,
  formatReplayProgress,
  formatReplaySummary,
  parseQueueServices,
} from './dlq-format';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const summary = (overrides: Partial<DlqMessageSummary>): DlqMessageSummary => ({
  messageId: 'id-1',
  receiveCount: 4,
  sentAt: new Date('2024-06-01T11:57:55.000Z'),
  firstReceivedAt: new Date('2024-06-01T11:57:56.000Z'),
  keys: ['photos/café + tea.jpg'],
  ...overrides,
});

describe('parseQueueServices', () => {
  it('given all, then every service in pipeline order', () => {
    expect(parseQueueServices(['all'], 'dlq list')).toEqual(['resize', 'watermark', 'metadata']);
  });

  it('given project names and repeats, then each short name once', () => {
    expect(parseQueueServices(['metadata-service', 'resize', 'metadata'], 'dlq list')).toEqual([
      'resize',
      'metadata',
    ]);
  });

  it('given an unknown service, then a usage error lists the known ones', () => {
    expect(() => parseQueueServices(['thumbs'], 'dlq replay')).toThrow(
      new UsageError("unknown service 'thumbs': use resize, watermark, metadata or all"),
    );
  });
});

describe('formatDlqListing', () => {
  it('given messages, then a table of id, receives, age and keys, extra keys on their own lines', () => {
    const text = formatDlqListing(
      'resize',
      [
        summary({}),
        summary({
          messageId: 'id-22',
          receiveCount: 11,
          sentAt: new Date('2024-06-01T10:00:00.000Z'),
          keys: ['a.jpg', '日本/富士山.webp'],
        }),
      ],
      { max: 100, now: NOW },
    );

    expect(text).toBe(
      [
        'resize DLQ: 2 messages',
        '  MESSAGE ID  RECEIVES  AGE    KEYS',
        '  id-1               4  2m05s  photos/café + tea.jpg',
        '  id-22             11  2h00m  a.jpg',
        '                               日本/富士山.webp',
        '',
      ].join('\n'),
    );
  });

  it('given a malformed body and unknown facts, then the first complaint and question marks', () => {
    const text = formatDlqListing(
      'metadata',
      [
        summary({
          receiveCount: undefined,
          sentAt: undefined,
          keys: [],
          malformed:
            'SQS body is not an SNS notification: Type: expected "Notification"; Message: expected string',
        }),
      ],
      { max: 1, now: NOW },
    );

    expect(text.split('\n')).toEqual([
      'metadata DLQ: 1 message (--max 1 reached: more may wait)',
      '  MESSAGE ID  RECEIVES  AGE  KEYS',
      '  id-1               ?  ?    (malformed: SQS body is not an SNS notification: Type: expected "Notification"; …)',
      '',
    ]);
  });

  it('given no messages, then it says the DLQ is empty', () => {
    expect(formatDlqListing('watermark', [], { max: 100, now: NOW })).toBe(
      'watermark DLQ: empty\n',
    );
  });
});

describe('replay output', () => {
  it('given a failed send, then the progress line carries the reason', () => {
    expect(
      formatReplayProgress('resize', {
        outcome: 'failed',
        summary: summary({}),
        reason: 'InternalError: try again',
      }),
    ).toBe('failed        resize     id-1  photos/café + tea.jpg: InternalError: try again');
  });

  it('given mixed counts, then the summary names moved, skipped, failed and left, and not-deleted only when some were', () => {
    expect(
      formatReplaySummary(
        'resize',
        { moved: 3, skipped: 4, failed: 2, notDeleted: 1, left: 3 },
        false,
      ),
    ).toBe(
      'resize: 3 moved, 4 skipped, 2 failed to send, 1 sent but not deleted (in both queues), 3 left in the DLQ',
    );
    expect(
      formatReplaySummary(
        'watermark',
        { moved: 0, skipped: 0, failed: 0, notDeleted: 0, left: undefined },
        false,
      ),
    ).toBe(
      'watermark: 0 moved, 0 skipped, 0 failed to send, left in the DLQ unknown (SQS did not say)',
    );
    expect(
      formatReplaySummary(
        'metadata',
        { moved: 2, skipped: 1, failed: 0, notDeleted: 0, left: 2 },
        true,
      ),
    ).toBe(
      'metadata: 2 would move (dry run: nothing moved), 1 skipped, 0 failed to send, 2 left in the DLQ',
    );
  });

  it('given a summary, then its JSON line names the service and ISO times', () => {
    expect(JSON.parse(dlqMessageJson('resize', summary({})))).toEqual({
      service: 'resize',
      messageId: 'id-1',
      receiveCount: 4,
      sentAt: '2024-06-01T11:57:55.000Z',
      firstReceivedAt: '2024-06-01T11:57:56.000Z',
      keys: ['photos/café + tea.jpg'],
    });
  });
});
