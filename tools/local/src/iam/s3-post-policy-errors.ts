/** S3's error answers to a POST upload, as the XML document S3 sends. */

/** An S3 error answer. */
export interface S3ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Further elements of the XML error document, e.g. `MaxSizeAllowed`. */
  readonly details?: Readonly<Record<string, string>>;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The XML error document S3 answers with.
 *
 * @example
 * s3ErrorXml({ status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' }, 'req-1');
 */
export function s3ErrorXml(error: S3ErrorAnswer, requestId: string): string {
  const details = Object.entries(error.details ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${details}<RequestId>${requestId}</RequestId></Error>`;
}
