import type { UploadContentType } from '@imgpipe/registry';

/** A POST policy condition, as S3 defines them. */
export type PostCondition =
  | Readonly<Record<string, string>>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['content-length-range', number, number];

/** What a presigned POST for one upload is made of, besides key, bucket and signature. */
export interface UploadPolicy {
  /** Form fields the client must send as given; the presigner adds an exact-match condition for each. */
  readonly fields: Readonly<Record<string, string>>;
  readonly conditions: readonly PostCondition[];
}

/**
 * The fields and conditions of one upload's POST policy: the declared content type and the
 * owner metadata are fixed (S3 refuses a form that changes either), and the file must be
 * 1 byte to `maxBytes`.
 *
 * @example
 * uploadPolicy({ owner: 'ana', contentType: 'image/png', maxBytes: 52428800 });
 * // { fields: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'ana' },
 * //   conditions: [['content-length-range', 1, 52428800]] }
 */
export function uploadPolicy(options: {
  readonly owner: string;
  readonly contentType: UploadContentType;
  readonly maxBytes: number;
}): UploadPolicy {
  return {
    fields: { 'Content-Type': options.contentType, 'x-amz-meta-owner': options.owner },
    conditions: [['content-length-range', 1, options.maxBytes]],
  };
}
