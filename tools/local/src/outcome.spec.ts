import { formatOutcome, formatSummary, outcomeFromStage, summarize } from './outcome';
import type { ImageOutcome } from './outcome';

describe('outcomeFromStage', () => {
  it('given a done image stage, then the fact is its format and dimensions', () => {
    const stage = { status: 'done', format: 'jpeg', width: 1200, height: 800, sequencer: '01' };

    expect(outcomeFromStage('metadata', 'a.jpg', stage)).toEqual({
      kind: 'done',
      service: 'metadata',
      key: 'a.jpg',
      fact: 'jpeg 1200×800',
    });
  });

  it('given a done output stage, then the fact lists the outputs and their total size', () => {
    const stage = {
      status: 'done',
      outputs: [
        { key: 'resized/a.jpg/320w.webp', format: 'webp', width: 320, height: 200, bytes: 10_240 },
        { key: 'resized/a.jpg/640w.webp', format: 'webp', width: 640, height: 400, bytes: 30_720 },
      ],
    };

    expect(outcomeFromStage('resize', 'a.jpg', stage)).toMatchObject({
      kind: 'done',
      fact: '2 outputs (webp 320–640w), 40 KB',
    });
  });

  it('given a single output, then its width is given once', () => {
    const stage = {
      status: 'done',
      outputs: [
        { key: 'watermarked/a.jpg.jpg', format: 'jpeg', width: 640, height: 480, bytes: 900 },
      ],
    };

    expect(outcomeFromStage('watermark', 'a.jpg', stage)).toMatchObject({
      fact: '1 output (jpeg 640w), 900 B',
    });
  });

  it('given a rejected stage, then its reason is the outcome', () => {
    const stage = {
      status: 'rejected',
      reason: 'the file is a PDF, not an image',
      code: 'not-an-image',
    };

    expect(outcomeFromStage('watermark', 'doc.jpg', stage)).toEqual({
      kind: 'rejected',
      service: 'watermark',
      key: 'doc.jpg',
      reason: 'the file is a PDF, not an image',
    });
  });

  it('given a stage deleted after its source was removed, then the line says so with the number of keys removed', () => {
    const stage = {
      status: 'deleted',
      removedKeys: ['resized/a.jpg/320w.webp', 'resized/a.jpg/320w.jpg'],
    };

    expect(formatOutcome(outcomeFromStage('resize', 'a.jpg', stage))).toBe(
      'resize     acknowledged a.jpg  (source deleted; 2 output keys removed)',
    );
  });

  it('given no stage, then the message was acknowledged without a record', () => {
    expect(outcomeFromStage('resize', 'a.jpg', undefined)).toEqual({
      kind: 'acknowledged',
      service: 'resize',
      key: 'a.jpg',
      note: 'no record written',
    });
  });
});

describe('formatOutcome', () => {
  it('puts service, outcome, key and detail on one line', () => {
    expect(
      formatOutcome({
        kind: 'done',
        service: 'resize',
        key: 'my photos/café.jpg',
        fact: '3 outputs',
      }),
    ).toBe('resize     done         my photos/café.jpg  3 outputs');
    expect(
      formatOutcome({ kind: 'retry', service: 'metadata', key: 'a.jpg', error: 'timeout' }),
    ).toBe('metadata   will retry   a.jpg  timeout');
    expect(
      formatOutcome({ kind: 'rejected', service: 'watermark', key: 'a.jpg', reason: 'too big' }),
    ).toBe('watermark  rejected     a.jpg  too big');
  });
});

describe('summarize', () => {
  it('counts each service’s outcomes and takes DLQ depths as given', () => {
    const outcomes: ImageOutcome[] = [
      { kind: 'done', service: 'metadata', key: 'a', fact: '' },
      { kind: 'acknowledged', service: 'metadata', key: 'b', note: '' },
      { kind: 'rejected', service: 'metadata', key: 'c', reason: '' },
      { kind: 'retry', service: 'resize', key: 'a', error: '' },
      { kind: 'retry', service: 'resize', key: 'a', error: '' },
      { kind: 'done', service: 'resize', key: 'a', fact: '' },
    ];

    const rows = summarize(['metadata', 'resize', 'watermark'], outcomes, { resize: 1 });

    expect(rows).toEqual([
      { service: 'metadata', processed: 2, rejected: 1, retried: 0, inDlq: 0 },
      { service: 'resize', processed: 1, rejected: 0, retried: 2, inDlq: 1 },
      { service: 'watermark', processed: 0, rejected: 0, retried: 0, inDlq: 0 },
    ]);
    expect(formatSummary(rows).split('\n')).toEqual([
      'service    processed  rejected   retried    in DLQ',
      'metadata           2         1         0         0',
      'resize             1         0         2         1',
      'watermark          0         0         0         0',
    ]);
  });

  it('says so when no service ran', () => {
    expect(formatSummary(summarize([], [], {}))).toBe('no services ran');
  });
});
