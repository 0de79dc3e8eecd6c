import type { ImageRecord, StageName } from '@imgpipe/event-schemas';
import { STAGES } from '@imgpipe/event-schemas';

const SEQUENCER = '0000000000000000005AED6DCD90281E';

/**
 * An image record as the three services leave it when every stage is done, for tests;
 * override any part.
 *
 * @example
 * const record = doneRecord('a.jpg', { watermark: rejectedStage('not-an-image', 'not an image') });
 */
export function doneRecord(key: string, overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    imageId: key,
    ownerId: 'alice',
    uploadedAt: '2026-01-02T03:04:05.000Z',
    source: {
      bucket: 'imgpipe-source',
      key,
      size: 2_516_582,
      eTag: '9b2cf535f27731c974343645a3985328',
      contentType: 'image/jpeg',
      uploadedAt: '2026-01-02T03:04:05.000Z',
      ownerId: 'alice',
      sequencer: SEQUENCER,
    },
    image: {
      status: 'done',
      sequencer: SEQUENCER,
      updatedAt: '2026-01-02T03:04:06.000Z',
      durationMs: 140,
      format: 'jpeg',
      width: 4000,
      height: 3000,
      orientation: 6,
      colourSpace: 'srgb',
      bitsPerSample: 8,
      hasAlpha: false,
      hasIccProfile: true,
      pages: 1,
      animated: false,
      exif: {
        make: 'Canon',
        model: 'EOS R5',
        takenAt: '2024-05-01T10:00:00',
        fNumber: 2.8,
        exposureTime: 0.004,
        iso: 100,
      },
      sha256: 'a'.repeat(64),
      dominantColour: '#3a6ea5',
      placeholder: 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
    },
    resize: {
      status: 'done',
      sequencer: SEQUENCER,
      updatedAt: '2026-01-02T03:04:07.000Z',
      durationMs: 812.4,
      outputs: [
        { key: `resized/${key}/320w.webp`, format: 'webp', width: 320, height: 240, bytes: 12_595 },
        {
          key: `resized/${key}/1024w.webp`,
          format: 'webp',
          width: 1024,
          height: 768,
          bytes: 98_304,
        },
      ],
    },
    watermark: {
      status: 'done',
      sequencer: SEQUENCER,
      updatedAt: '2026-01-02T03:04:07.500Z',
      durationMs: 77,
      outputs: [
        { key: `watermarked/${key}.jpg`, format: 'jpeg', width: 1024, height: 768, bytes: 150_000 },
      ],
    },
    ...overrides,
  };
}

/**
 * A rejected stage, for tests.
 *
 * @example
 * rejectedStage('too-many-pixels', 'the image has 120 MP; the limit is 100 MP');
 */
export function rejectedStage(code: string, reason: string) {
  return {
    status: 'rejected' as const,
    code,
    reason,
    sequencer: SEQUENCER,
    updatedAt: '2026-01-02T03:04:06.000Z',
  };
}

/**
 * A done record after its source was deleted, as the stages named (default: all) leave it:
 * each says `deleted` and lists the outputs it removed.
 *
 * @example
 * deletedRecord('a.jpg', ['image']); // image deleted; resize and watermark still done
 */
export function deletedRecord(key: string, stages: readonly StageName[] = STAGES): ImageRecord {
  const record = doneRecord(key);
  const deleted = stages.map((stage) => {
    const value = record[stage];
    const removedKeys = value && 'outputs' in value ? value.outputs.map((o) => o.key) : [];
    return [
      stage,
      {
        status: 'deleted',
        deletedAt: '2026-01-03T00:00:00.000Z',
        removedKeys,
        sequencer: '0000000000000000005AED6DCD902900',
        updatedAt: '2026-01-03T00:00:01.000Z',
      },
    ];
  });
  return { ...record, ...Object.fromEntries(deleted) };
}

/**
 * A copy of a record without some stages, as it looks while they are still pending.
 *
 * @example
 * withoutStages(doneRecord('a.jpg'), 'watermark');
 */
export function withoutStages(record: ImageRecord, ...stages: StageName[]): ImageRecord {
  const copy = { ...record };
  for (const stage of stages) delete copy[stage];
  return copy;
}
