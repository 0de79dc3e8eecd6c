import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { oldestMessageAgeSeconds } from './queue-age';

const batch = (...sent: string[]): SQSEvent => ({
  Records: sent.map((SentTimestamp) => ({ attributes: { SentTimestamp } }) as SQSRecord),
});

describe('oldestMessageAgeSeconds', () => {
  it('given a batch, when measured, then the oldest SentTimestamp gives the age', () => {
    expect(oldestMessageAgeSeconds(batch('9000', '7500'), 10_000)).toBe(2.5);
  });

  it('given no usable timestamp, when measured, then there is no age', () => {
    expect(oldestMessageAgeSeconds(batch('x'), 10_000)).toBeUndefined();
    expect(oldestMessageAgeSeconds(batch(), 10_000)).toBeUndefined();
  });
});
