import type { DeleteOutcome } from './delete-format';
import {
  deleteExitCode,
  deleteJson,
  deleteLine,
  formatDeleteSummary,
  formatDeletionWaitSummary,
} from './delete-format';
import { recordState } from './record-state';
import { deletedRecord } from './testing/record-fixtures';
import type { ProcessingResult } from './wait-for-processing';

const KEY = 'albums/2024 summer/beach + sunset.jpg';

function allDeleted(key: string): ProcessingResult {
  const record = deletedRecord(key);
  return { key, ...recordState(record), record };
}

function halfDeleted(key: string): ProcessingResult {
  const record = deletedRecord(key, ['image']);
  return { key, ...recordState(record), record };
}

describe('imgpipe delete output', () => {
  it('given each outcome, then the line names the key exactly and goes to the right stream', () => {
    expect(deleteLine({ key: KEY, outcome: 'deleted' }, 'imgpipe-source')).toEqual({
      stream: 'stdout',
      text: `deleted   s3://imgpipe-source/${KEY}`,
    });
    expect(deleteLine({ key: KEY, outcome: 'missing' }, 'imgpipe-source')).toEqual({
      stream: 'stderr',
      text: `no source object "${KEY}" in imgpipe-source: nothing to delete`,
    });
    expect(deleteLine({ key: 'a.jpg', outcome: 'failed', error: 'AccessDenied: no' }, 'b')).toEqual(
      { stream: 'stderr', text: 'deleting "a.jpg" failed: AccessDenied: no' },
    );
  });

  it('given deleted, missing and failed keys, then the summary counts each', () => {
    const outcomes: DeleteOutcome[] = [
      { key: 'a.jpg', outcome: 'deleted' },
      { key: 'b.jpg', outcome: 'missing' },
      { key: 'c.jpg', outcome: 'failed', error: 'x' },
    ];

    expect(formatDeleteSummary(outcomes, 'imgpipe-source', 1500)).toBe(
      'Deleted 1 of 3 objects from s3://imgpipe-source in 1.5s; 1 had none; 1 failed',
    );
    expect(formatDeleteSummary([{ key: 'a.jpg', outcome: 'deleted' }], 'imgpipe-source', 200)).toBe(
      'Deleted 1 of 1 objects from s3://imgpipe-source in 0.2s',
    );
  });

  it('given a wait where one record is only partly deleted, then the summary names its stages', () => {
    expect(formatDeletionWaitSummary([allDeleted('a.jpg')], 60_000)).toBe(
      'Every stage of 1 record says deleted',
    );
    expect(
      formatDeletionWaitSummary([allDeleted('a.jpg'), halfDeleted('b.jpg')], 60_000).split('\n'),
    ).toEqual([
      '1 of 2 records not deleted after 1m00s:',
      '  b.jpg: image deleted, resize done, watermark done',
    ]);
  });

  it('given --json, then each key is one object with its outcome, and its stages after --wait', () => {
    expect(JSON.parse(deleteJson({ key: KEY, outcome: 'deleted' }))).toEqual({
      key: KEY,
      outcome: 'deleted',
    });
    expect(
      JSON.parse(deleteJson({ key: 'b.jpg', outcome: 'deleted' }, halfDeleted('b.jpg'))),
    ).toEqual({
      key: 'b.jpg',
      outcome: 'deleted',
      recordDeleted: false,
      stages: { image: 'deleted', resize: 'done', watermark: 'done' },
    });
  });

  it.each([
    [0, 'every key deleted', [{ key: 'a', outcome: 'deleted' }], undefined, false],
    [
      0,
      'some keys with no object',
      [
        { key: 'a', outcome: 'deleted' },
        { key: 'b', outcome: 'missing' },
      ],
      undefined,
      false,
    ],
    [3, 'no key with an object', [{ key: 'a', outcome: 'missing' }], undefined, false],
    [
      1,
      'a failed delete',
      [
        { key: 'a', outcome: 'deleted' },
        { key: 'b', outcome: 'failed', error: 'x' },
      ],
      undefined,
      false,
    ],
    [0, 'a record deleted', [{ key: 'a', outcome: 'deleted' }], [allDeleted('a')], false],
    [
      1,
      'a record not yet deleted at the timeout',
      [{ key: 'a', outcome: 'deleted' }],
      [halfDeleted('a')],
      false,
    ],
    [130, 'an interruption', [{ key: 'a', outcome: 'deleted' }], undefined, true],
  ] as const)('exits %i given %s', (code, _name, outcomes, waited, interrupted) => {
    expect(
      deleteExitCode(
        outcomes as readonly DeleteOutcome[],
        waited as readonly ProcessingResult[] | undefined,
        interrupted,
      ),
    ).toBe(code);
  });
});
