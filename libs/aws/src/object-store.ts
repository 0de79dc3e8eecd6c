/** What a HEAD of an object tells. */
export interface ObjectHead {
  readonly size: number;
  readonly eTag: string;
  readonly contentType: string;
  readonly lastModified: Date;
  /** User metadata (`x-amz-meta-*`), names lower-cased without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * An object whose GET has answered with its headers while its body is still unread, so the
 * caller can refuse it from its facts (size, type) before any byte is downloaded. Exactly one
 * of `read` or `discard` must follow; `discard` after `read` (as in a `finally`) does nothing.
 */
export interface OpenedObject {
  /** The facts of the version whose body `read` returns. */
  readonly head: ObjectHead;
  /** Reads the whole body; rejects when called after `discard` or a second time. */
  read(): Promise<Buffer>;
  /** Destroys the unread body, so nothing more of it is downloaded. */
  discard(): void;
}

/** Options for writing an output object. */
export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The object storage a service needs: the port its process-record depends on. */
export interface ObjectStore {
  /** Returns undefined when the object does not exist. */
  head(bucket: string, key: string): Promise<ObjectHead | undefined>;
  /**
   * One GET, stopped after its headers: the facts and the bytes are of the same version (no
   * overwrite can fall between a HEAD and a GET). Returns undefined when the object does not
   * exist. The caller must `read` or `discard` what it opened.
   */
  open(bucket: string, key: string): Promise<OpenedObject | undefined>;
  /** Reads a whole object; rejects with {@link ObjectNotFoundError} when it is gone. */
  get(bucket: string, key: string): Promise<Buffer>;
  put(bucket: string, key: string, body: Buffer, options: PutOptions): Promise<void>;
  /** Deletes an object; as on S3, deleting a key that does not exist succeeds. */
  delete(bucket: string, key: string): Promise<void>;
}

/**
 * The source object no longer exists (deleted or overwritten before processing). Permanent:
 * a retry cannot bring it back, and a newer upload brings its own event.
 */
export class ObjectNotFoundError extends Error {
  readonly permanent = true;
  readonly code = 'source-missing';
  constructor(bucket: string, key: string) {
    super(`source object s3://${bucket}/${key} no longer exists`);
    this.name = 'ObjectNotFoundError';
  }
}
