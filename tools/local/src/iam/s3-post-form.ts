/**
 * Just enough multipart/form-data reading for S3's POST Object: the fields before the
 * `file` part (S3 ignores anything after it) and where the file's bytes start and end.
 */

/** The form up to the start of the file's bytes. */
export interface FormHead {
  /** Fields before the file, by lower-cased name. */
  readonly fields: ReadonlyMap<string, string>;
  /** The file part's `filename`, for `${filename}` in the key. */
  readonly fileName: string;
  /** Index in the body where the file's bytes begin. */
  readonly fileStart: number;
}

/** `incomplete`: more bytes are needed; `no-file`: the form ended without a `file` part. */
export type FormHeadResult = FormHead | 'incomplete' | 'no-file' | 'malformed';

/**
 * The boundary of a `multipart/form-data` content type.
 *
 * @example
 * formBoundary('multipart/form-data; boundary=----x'); // '----x'
 */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function dispositionParam(headers: string, name: string): string | undefined {
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

/**
 * Reads the fields before the `file` part from the bytes received so far.
 *
 * @example
 * const head = formHead(bodySoFar, boundary);
 * if (head === 'incomplete') keepReading();
 */
export function formHead(body: Buffer, boundary: string): FormHeadResult {
  const delimiter = `--${boundary}`;
  const fields = new Map<string, string>();
  let position = body.indexOf(delimiter);
  if (position < 0) return body.length > delimiter.length + 2 ? 'malformed' : 'incomplete';
  for (;;) {
    const after = position + delimiter.length;
    if (body.length < after + 2) return 'incomplete';
    if (body.toString('latin1', after, after + 2) === '--') return 'no-file';
    const headersEnd = body.indexOf('\r\n\r\n', after);
    if (headersEnd < 0) return 'incomplete';
    const headers = body.toString('utf8', after + 2, headersEnd);
    const name = dispositionParam(headers, 'name');
    if (name === undefined) return 'malformed';
    const valueStart = headersEnd + 4;
    if (name.toLowerCase() === 'file') {
      return {
        fields,
        fileName: dispositionParam(headers, 'filename') ?? '',
        fileStart: valueStart,
      };
    }
    const valueEnd = body.indexOf(`\r\n${delimiter}`, valueStart);
    if (valueEnd < 0) return 'incomplete';
    fields.set(name.toLowerCase(), body.toString('utf8', valueStart, valueEnd));
    position = valueEnd + 2;
  }
}

/**
 * Where the file's bytes end: at the delimiter that follows them, or -1 if not received yet.
 *
 * @example
 * const size = fileEnd(body, boundary, head.fileStart) - head.fileStart;
 */
export function fileEnd(body: Buffer, boundary: string, fileStart: number): number {
  return body.indexOf(`\r\n--${boundary}`, fileStart);
}
