import type { ImageRecord } from '@imgpipe/event-schemas';
import {
  STAGES,
  buildS3EventRecord,
  buildS3Notification,
  compareSequencers,
  normalizeSequencer,
} from '@imgpipe/event-schemas';

/**
 * The sequencer for a reprocess: one more than the largest the record holds (its source
 * and every stage). Stages compare sequencers to drop repeats, so a republish with the
 * original one would change nothing. S3's own next sequencer for a new upload of the key
 * is time-based and far larger, so a later real upload still wins.
 *
 * @example
 * reprocessSequencer({ imageId: 'a.jpg', resize: { sequencer: '…0A', … } }); // '…0B'
 * reprocessSequencer(undefined); // '00000000000000000000000000000001'
 */
export function reprocessSequencer(record: ImageRecord | undefined): string {
  const recorded = [
    record?.source?.sequencer,
    ...STAGES.map((stage) => record?.[stage]?.sequencer),
  ];
  const largest = recorded
    .filter((sequencer): sequencer is string => sequencer !== undefined)
    .reduce((a, b) => (compareSequencers(a, b) >= 0 ? a : b), '0');
  return normalizeSequencer((BigInt(`0x${largest}`) + 1n).toString(16));
}

/**
 * The message S3 would publish for an upload of the object: an `ObjectCreated:Put`
 * notification with the key URL-encoded as S3 does, for wrapping in an SNS envelope.
 *
 * @example
 * const body = JSON.stringify(buildSnsEnvelope(reprocessMessage({ bucket, key, sequencer, size, eTag, region }), topicArn));
 */
export function reprocessMessage(facts: {
  readonly bucket: string;
  readonly key: string;
  readonly sequencer: string;
  readonly size: number;
  readonly eTag: string;
  readonly region: string;
}): string {
  return JSON.stringify(buildS3Notification([buildS3EventRecord(facts)]));
}
