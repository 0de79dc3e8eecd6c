import { formatImageRecord } from './record-format';
import { deletedRecord, doneRecord, rejectedStage } from './testing/record-fixtures';

describe('image record formatting', () => {
  it('shows a finished record: source facts, image facts, and each output with its size', () => {
    const text = formatImageRecord(doneRecord('trips/café + tea.jpg'), {
      processedBucket: 'imgpipe-processed',
    });

    expect(text.split('\n')).toEqual([
      'trips/café + tea.jpg  (complete)',
      '  source     s3://imgpipe-source/trips/café + tea.jpg  2.4 MiB  image/jpeg',
      '             uploaded 2026-01-02T03:04:05.000Z by alice  etag 9b2cf535f27731c974343645a3985328',
      '  image      done  jpeg 4000×3000  srgb 8-bit  orientation 6  no alpha  ICC profile',
      `             sha256 ${'a'.repeat(64)}`,
      '             dominant colour #3a6ea5  placeholder HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
      '             exif Canon EOS R5 · 2024-05-01T10:00:00 · f/2.8 · 1/250 s · ISO 100',
      '  resize     done  2 outputs in s3://imgpipe-processed  (812 ms)',
      '             resized/trips/café + tea.jpg/320w.webp   webp    320×240  12.3 KiB',
      '             resized/trips/café + tea.jpg/1024w.webp  webp   1024×768  96.0 KiB',
      '  watermark  done  1 output in s3://imgpipe-processed  (77 ms)',
      '             watermarked/trips/café + tea.jpg.jpg  jpeg   1024×768  146 KiB',
    ]);
  });

  it('shows deleted stages with what they removed, and a record only some stages followed as being deleted', () => {
    const lines = formatImageRecord(deletedRecord('a.jpg')).split('\n');
    const halfway = formatImageRecord(deletedRecord('a.jpg', ['image']));

    expect(lines[0]).toBe('a.jpg  (deleted)');
    expect(lines).toContain('  image      deleted  source removed 2026-01-03T00:00:00.000Z');
    expect(lines).toContain(
      '  resize     deleted  source removed 2026-01-03T00:00:00.000Z; 2 outputs removed',
    );
    expect(lines).toContain(
      '  watermark  deleted  source removed 2026-01-03T00:00:00.000Z; 1 output removed',
    );
    expect(halfway.split('\n')[0]).toBe('a.jpg  (being deleted: resize, watermark not yet)');
  });

  it('shows a rejected stage with its reason and code, and the record as rejected', () => {
    const record = doneRecord('notes.txt', {
      image: rejectedStage('not-an-image', 'the file is not an image (text/plain)'),
      resize: rejectedStage('not-an-image', 'the file is not an image (text/plain)'),
      watermark: rejectedStage('not-an-image', 'the file is not an image (text/plain)'),
    });

    const lines = formatImageRecord(record).split('\n');

    expect(lines[0]).toBe('notes.txt  (rejected: image, resize, watermark)');
    expect(lines).toContain(
      '  resize     rejected  the file is not an image (text/plain) [not-an-image]',
    );
    expect(lines).toContain(
      '  image      rejected  the file is not an image (text/plain) [not-an-image]',
    );
  });

  it('shows stages not yet written as pending and names them in the header', () => {
    const { imageId, resize } = doneRecord('a.jpg');

    const lines = formatImageRecord({ imageId, ...(resize ? { resize } : {}) }).split('\n');

    expect(lines[0]).toBe('a.jpg  (pending: image, watermark)');
    expect(lines).toContain('  source     pending');
    expect(lines).toContain('  image      pending');
    expect(lines).toContain('  watermark  pending');
    expect(lines).toContain('  resize     done  2 outputs  (812 ms)');
  });

  it('names the frames of an animated image', () => {
    const record = doneRecord('cat.gif');
    if (record.image?.status !== 'done') throw new Error('fixture must have a done image stage');
    const animated = { ...record, image: { ...record.image, animated: true, pages: 12, exif: {} } };

    expect(formatImageRecord(animated)).toContain('ICC profile  animated, 12 frames');
    expect(formatImageRecord(animated)).not.toContain('exif');
  });
});
