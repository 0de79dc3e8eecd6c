import type { ImageRecord } from '@imgpipe/event-schemas';
import { auditRecords } from './audit-rules';
import type { ImageSpec } from './corpus-plan';

const spec: ImageSpec = {
  key: 'load/0001 a.jpg',
  kind: 'jpeg',
  width: 800,
  height: 600,
  orientation: 1,
  frames: 1,
  seed: 's',
};
const stage = { sequencer: '01', updatedAt: '2026-11-27T17:00:00.000Z', durationMs: 5 };
const output = (key: string, width = 320, height = 240) => ({
  key,
  format: 'webp',
  width,
  height,
  bytes: 100,
});
const complete = (overrides: Partial<ImageRecord> = {}): ImageRecord =>
  ({
    imageId: spec.key,
    image: { ...stage, status: 'done', format: 'jpeg', width: 800, height: 600, pages: 1 },
    resize: { ...stage, status: 'done', outputs: [output(`resized/${spec.key}/320w.webp`)] },
    watermark: {
      ...stage,
      status: 'done',
      outputs: [output(`watermarked/${spec.key}.jpg`, 800, 600)],
    },
    ...overrides,
  }) as ImageRecord;
const bucket = new Set([`resized/${spec.key}/320w.webp`, `watermarked/${spec.key}.jpg`]);

describe('full count rules', () => {
  it('given a complete record whose outputs are all in the bucket, then nothing is found and both outputs are to be decoded', () => {
    const findings = auditRecords([spec], new Map([[spec.key, complete()]]), bucket);

    expect({ ...findings, outputs: [] }).toEqual({
      missing: [],
      pending: [],
      wronglyRejected: [],
      wrongFacts: [],
      misplacedOutputs: [],
      absentOutputs: [],
      duplicates: [],
      outputs: [],
    });
    expect(findings.outputs.map((one) => [one.key, one.width, one.height])).toEqual([
      [`resized/${spec.key}/320w.webp`, 320, 240],
      [`watermarked/${spec.key}.jpg`, 800, 600],
    ]);
  });

  it('given no record, or one missing a stage, then missing and pending', () => {
    expect(auditRecords([spec], new Map(), bucket).missing).toEqual([spec.key]);
    expect(
      auditRecords([spec], new Map([[spec.key, complete({ watermark: undefined })]]), bucket)
        .pending,
    ).toEqual([spec.key]);
  });

  it('given a rejected stage or other dimensions, then the good image counts as wrongly rejected and wrong', () => {
    const rejected = complete({
      resize: {
        sequencer: '01',
        updatedAt: 'x',
        status: 'rejected',
        reason: 'throttled',
        code: 'x',
      },
      image: { ...complete().image, width: 600, height: 800 } as ImageRecord['image'],
    });

    const findings = auditRecords([spec], new Map([[spec.key, rejected]]), bucket);

    expect(findings.wronglyRejected).toEqual([expect.stringContaining('resize')]);
    expect(findings.wrongFacts).toEqual([
      `${spec.key}: recorded 600×800, 1 page(s); uploaded 800×600, 1`,
    ]);
  });

  it('given an output not in the bucket, one of another key, and an object nobody names, then each is found', () => {
    const record = complete({
      resize: {
        ...stage,
        status: 'done',
        outputs: [output(`resized/${spec.key}/320w.webp`), output('resized/other.jpg/320w.webp')],
      },
    });
    const listed = new Set([
      ...bucket,
      `resized/${spec.key}/320w.avif`,
      'assets/watermark/logo.png',
    ]);

    const findings = auditRecords([spec], new Map([[spec.key, record]]), listed);

    expect(findings.absentOutputs).toEqual(['resized/other.jpg/320w.webp']);
    expect(findings.misplacedOutputs).toEqual([`${spec.key}: resized/other.jpg/320w.webp`]);
    expect(findings.duplicates).toEqual([`resized/${spec.key}/320w.avif`]);
  });

  it('given an object named by the record of an image not counted here, then it is not a duplicate', () => {
    const other = complete({
      imageId: 'bad/other.jpg',
      resize: { ...stage, status: 'done', outputs: [output('resized/bad/other.jpg/64w.webp')] },
      watermark: { ...stage, status: 'done', outputs: [] },
    });
    const listed = new Set([...bucket, 'resized/bad/other.jpg/64w.webp']);

    const findings = auditRecords(
      [spec],
      new Map([
        [spec.key, complete()],
        ['bad/other.jpg', other],
      ]),
      listed,
    );

    expect(findings.duplicates).toEqual([]);
  });
});
