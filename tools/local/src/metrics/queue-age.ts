import type { SQSEvent } from 'aws-lambda';

/**
 * The age in seconds of the oldest message of a batch, from SQS's `SentTimestamp`: what
 * `ApproximateAgeOfOldestMessage` reports on AWS, sampled at each receive.
 *
 * @returns undefined for a batch without timestamps.
 * @example
 * oldestMessageAgeSeconds(event, Date.now()); // 3.2
 */
export function oldestMessageAgeSeconds(event: SQSEvent, nowMs: number): number | undefined {
  const sent = event.Records.map((record) => Number(record.attributes.SentTimestamp)).filter(
    Number.isFinite,
  );
  if (sent.length === 0) return undefined;
  return Math.max(0, (nowMs - Math.min(...sent)) / 1000);
}
