import { setTimeout as delay } from 'node:timers/promises';

/** What the upload API gave for one file, and what S3 answered to its form upload. */
export interface ApiUploaded {
  /** The source key the API chose: `<owner>/<unique name>.<ext>`. */
  readonly key: string;
  /** The id to read the image with: `GET /images/{id}`. */
  readonly id: string;
  readonly eTag: string;
}

/** Where the upload API is and who calls it. */
export interface UploadApi {
  readonly url: string;
  /** Sent as `Authorization: Bearer …`; the API takes the owner from its subject. */
  readonly token?: string;
}

interface PresignedUpload {
  readonly id: string;
  readonly imageId: string;
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** The first `<Code>`/`<Message>` of an S3 XML error, or the text as it came. */
function s3Error(status: number, text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return code === undefined ? `${status} ${text.slice(0, 200)}` : `${code}: ${message ?? ''}`;
}

/** Answers of a busy API, worth asking again: API Gateway's throttling (429) and 503. */
const BUSY_STATUSES = new Set([429, 503]);
/** Tries of `POST /uploads` while the API is busy; the waits between double from 100–200 ms. */
const BUSY_TRIES = 5;
const FIRST_WAIT_MS = 100;

/**
 * The API's `{ error: { code, message } }`, API Gateway's own `{ message }`, or the text as
 * it came.
 */
function apiError(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as {
      error?: { code?: string; message?: string };
      message?: unknown;
    };
    if (body.error?.message !== undefined)
      return `${status} ${body.error.code ?? ''}: ${body.error.message}`;
    if (typeof body.message === 'string') return `${status} ${body.message}`;
  } catch {
    // Not JSON: a proxy or gateway page; shown as it is.
  }
  return `${status} ${text.slice(0, 200)}`;
}

/**
 * Uploads one file the way a browser does: `POST /uploads` for a presigned POST, then the
 * form with the file to S3, whose policy (size, content type, key, owner) S3 enforces. A busy
 * API (429, 503) is asked again after a wait that doubles each time, with jitter so that
 * concurrent uploads spread out, as API Gateway's throttling asks of its clients.
 *
 * @throws Error with the API's or S3's reason when either refuses, or the API stays busy.
 * @example
 * const { key, id } = await uploadThroughApi(
 *   { name: 'photo.jpg', contentType: 'image/jpeg', bytes },
 *   { url: stack.uploadApi },
 * );
 */
export async function uploadThroughApi(
  file: { readonly name: string; readonly contentType: string; readonly bytes: Buffer },
  api: UploadApi,
  fetchImpl: typeof fetch = fetch,
  sleep: (ms: number) => Promise<unknown> = delay,
): Promise<ApiUploaded> {
  const ask = async () => {
    const response = await fetchImpl(`${api.url.replace(/\/+$/, '')}/uploads`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(api.token !== undefined ? { authorization: `Bearer ${api.token}` } : {}),
      },
      body: JSON.stringify({
        files: [{ name: file.name, contentType: file.contentType, size: file.bytes.length }],
      }),
    });
    return { status: response.status, ok: response.ok, text: await response.text() };
  };
  let tries = 1;
  let asked = await ask();
  while (BUSY_STATUSES.has(asked.status) && tries < BUSY_TRIES) {
    await sleep(FIRST_WAIT_MS * 2 ** (tries - 1) * (1 + Math.random()));
    tries += 1;
    asked = await ask();
  }
  if (!asked.ok) {
    const after = BUSY_STATUSES.has(asked.status) ? ` (after ${tries} tries)` : '';
    throw new Error(`the upload API refused it: ${apiError(asked.status, asked.text)}${after}`);
  }
  const upload = (JSON.parse(asked.text) as { uploads?: PresignedUpload[] }).uploads?.[0];
  if (upload === undefined) throw new Error('the upload API answered without an upload');

  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  // S3 reads every field before the file, so the file goes last.
  form.append('file', new Blob([file.bytes], { type: file.contentType }), file.name);
  const posted = await fetchImpl(upload.url, { method: 'POST', body: form });
  const reply = await posted.text();
  if (!posted.ok) throw new Error(`S3 refused the upload: ${s3Error(posted.status, reply)}`);
  return { key: upload.imageId, id: upload.id, eTag: posted.headers.get('etag') ?? '' };
}
