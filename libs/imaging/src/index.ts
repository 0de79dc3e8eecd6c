export { canDecodeHeic } from './decodable-formats';
export { readExifSubset } from './exif-subset';
export type { ExifSubset } from './exif-subset';
export type { DecodableFormat } from './decodable-formats';
export { checkByteSize, DEFAULT_IMAGE_LIMITS, limitsFromEnv } from './image-limits';
export type { ImageLimits } from './image-limits';
export { ImageRejectedError, isImageRejectedError } from './image-rejected-error';
export type { RejectionCode } from './image-rejected-error';
export { checkOutputKeys, fitsS3Key, MAX_S3_KEY_BYTES, s3KeyBytes } from './output-key-limit';
export { inspectImage } from './inspect-image';
export type { InspectedImage, Orientation } from './inspect-image';
export { openImage, renderToBuffer } from './open-image';
export type { OpenImageOptions } from './open-image';
export { toImageRejection } from './sharp-errors';
export { sniffFormat } from './sniff-format';
export type { ImageFormat, OtherFormat, SniffedFormat } from './sniff-format';
export {
  chooseOutputFamily,
  encodeOutput,
  OUTPUT_CACHE_CONTROL,
  outputFormat,
} from './output-format';
export type { EncodeOptions, OutputFormat, OutputFormatName } from './output-format';
