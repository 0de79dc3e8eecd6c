import S3Error from 's3rver/lib/models/error';
import { MAX_S3_KEY_BYTES } from '@imgpipe/imaging';
import { isKeyTooLong } from './s3-key-paths';

/**
 * Refuses a key S3 would refuse to write, as S3 does (400 KeyTooLongError).
 *
 * @example
 * assertWritableKey('é'.repeat(600)); // throws KeyTooLongError
 */
export function assertWritableKey(key: string): void {
  if (isKeyTooLong(key))
    throw new S3Error('KeyTooLongError', 'Your key is too long', {
      Size: Buffer.byteLength(key),
      MaxSizeAllowed: MAX_S3_KEY_BYTES,
    });
}

/**
 * Refuses a part number S3 would not take (it goes into a file path here).
 *
 * @example
 * assertPartNumber('../x'); // throws InvalidArgument
 */
export function assertPartNumber(partNumber: number | string): void {
  if (!/^[1-9]\d{0,4}$/.test(String(partNumber)) || Number(partNumber) > 10_000)
    throw new S3Error(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      {
        ArgumentName: 'partNumber',
        ArgumentValue: String(partNumber),
      },
    );
}

/**
 * S3's answer to an upload ID it does not know (404 NoSuchUpload).
 *
 * @example
 * throw noSuchUpload(uploadId);
 */
export function noSuchUpload(uploadId: string): S3Error {
  return new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  );
}

/**
 * S3's answer to a completion naming a part not uploaded, or with another ETag (400 InvalidPart).
 *
 * @example
 * throw invalidPart(uploadId, { number: 2, etag: '0123' });
 */
export function invalidPart(uploadId: string, part: { number: number; etag: string }): S3Error {
  return new S3Error(
    'InvalidPart',
    'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part’s entity tag.',
    { UploadId: uploadId, PartNumber: part.number, ETag: part.etag },
  );
}
