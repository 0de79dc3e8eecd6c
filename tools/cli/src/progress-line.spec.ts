import {
  formatMoveLine,
  formatReprocessLine,
  formatScanLine,
  formatUploadLine,
  formatWaitLine,
  progressBar,
} from './progress-line';
import { formatBytes, formatDuration, formatElapsed } from './units';

const MIB = 1024 * 1024;

describe('upload progress line', () => {
  it('shows bar, files, bytes, rate and time left when the terminal is wide', () => {
    const line = formatUploadLine(
      {
        filesDone: 1,
        filesFailed: 0,
        filesTotal: 4,
        bytesDone: MIB,
        bytesTotal: 4 * MIB,
        elapsedMs: 2000,
      },
      80,
    );

    expect(line).toBe(
      'Uploading [' +
        '█'.repeat(7) +
        '░'.repeat(19) +
        '] 1/4 files  1.0/4.0 MiB  512 KiB/s  ETA 6s',
    );
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows no rate or ETA before anything has finished, and counts failures', () => {
    const line = formatUploadLine(
      {
        filesDone: 0,
        filesFailed: 0,
        filesTotal: 12,
        bytesDone: 0,
        bytesTotal: 3 * MIB,
        elapsedMs: 100,
      },
      200,
    );

    expect(line).toMatch(/ 0\/12 files {2}0 B\/3\.0 MiB {2}-- \/s {2}ETA --$/);
    expect(
      formatUploadLine(
        {
          filesDone: 2,
          filesFailed: 1,
          filesTotal: 2,
          bytesDone: 2048,
          bytesTotal: 2048,
          elapsedMs: 1000,
        },
        200,
      ),
    ).toMatch(/2\/2 files {2}2\.0\/2\.0 KiB {2}2\.0 KiB\/s {2}ETA 0s {2}1 failed$/);
  });

  it('drops the bar on a narrow terminal and never exceeds the width', () => {
    const progress = {
      filesDone: 10,
      filesFailed: 0,
      filesTotal: 100,
      bytesDone: 10 * MIB,
      bytesTotal: 100 * MIB,
      elapsedMs: 10_000,
    };

    expect(formatUploadLine(progress, 60)).toBe(
      'Uploading  10/100 files  10.0/100 MiB  1.0 MiB/s  ETA 1m30s',
    );
    const tiny = formatUploadLine(progress, 30);
    expect(tiny).toHaveLength(30);
    expect(tiny.endsWith('…')).toBe(true);
  });
});

describe('wait progress line', () => {
  it('shows images ended, rejections and time against the timeout', () => {
    expect(
      formatWaitLine(
        { ended: 3, rejected: 1, total: 10, elapsedMs: 12_000, timeoutMs: 120_000 },
        80,
      ),
    ).toBe(
      'Processing [' + '█'.repeat(8) + '░'.repeat(20) + ']  3/10 images  1 rejected  12s of 2m00s',
    );
  });
});

describe('units', () => {
  it('formats bytes in binary units with at most three significant figures', () => {
    expect([0, 1023, 1536, 150 * 1024, 5 * MIB + 1, 3 * 1024 * MIB].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.5 KiB',
      '150 KiB',
      '5.0 MiB',
      '3.0 GiB',
    ]);
  });

  it('formats durations to the nearest second', () => {
    expect([0, 499, 3001, 45_000, 125_000, 3_720_000].map(formatDuration)).toEqual([
      '0s',
      '0s',
      '3s',
      '45s',
      '2m05s',
      '1h02m',
    ]);
  });

  it('formats a short elapsed time in tenths of a second', () => {
    expect([420, 9_949, 9_950, 61_000].map(formatElapsed)).toEqual([
      '0.4s',
      '9.9s',
      '10s',
      '1m01s',
    ]);
  });

  it('draws a bar in proportion, clamped to 0..1', () => {
    expect(progressBar(0.5, 4)).toBe('██░░');
    expect(progressBar(2, 3)).toBe('███');
    expect(progressBar(-1, 3)).toBe('░░░');
  });
});

describe('move task progress line', () => {
  it('shows the moved share of what the DLQ held, and a count alone before SQS knows the total', () => {
    expect(
      formatMoveLine({ service: 'resize', moved: 25, toMove: 100, elapsedMs: 12_000 }, 60),
    ).toBe(`Moving resize [${'█'.repeat(6)}${'░'.repeat(17)}] 25/100 messages  12s`);
    expect(
      formatMoveLine({ service: 'resize', moved: 3, toMove: undefined, elapsedMs: 1000 }, 30),
    ).toBe('Moving resize 3 messages  1s');
  });
});

describe('scan progress line', () => {
  it('counts records read and matching, cut to the width', () => {
    const progress = { table: 'imgpipe-images', read: 1200, matching: 45, elapsedMs: 3000 };

    expect(formatScanLine(progress, 80)).toBe(
      'Scanning imgpipe-images  1200 records read  45 matching  3s',
    );
    expect(formatScanLine(progress, 20)).toBe('Scanning imgpipe-im…');
  });
});

describe('reprocess progress line', () => {
  it('shows objects done of the total and failures', () => {
    expect(formatReprocessLine({ done: 12, failed: 1, total: 120, elapsedMs: 3000 }, 70)).toBe(
      `Reprocessing [${'███'}${'░'.repeat(22)}]  12/120 objects  1 failed  3s`,
    );
  });
});
