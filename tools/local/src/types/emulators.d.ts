// s3rver and dynalite ship no types; these cover what the local stack uses.

declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }

  class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    /** The Koa request listener, to mount on an HTTP server of our own. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    readonly logger: { close(): void };
    /** The store its controllers use: `store` for bucket checks, `context.store` for the rest. */
    store: unknown;
    readonly context: { store: unknown };
  }

  export = S3rver;
}

declare module 's3rver/lib/models/object' {
  import type { Readable } from 'node:stream';

  class S3Object {
    constructor(
      bucket: string,
      key: string,
      content: Readable | Buffer | null,
      metadata: Record<string, unknown>,
    );
    readonly bucket: string;
    readonly key: string;
    readonly content: Readable | Buffer | null;
    readonly metadata: Record<string, string>;
  }

  export = S3Object;
}

declare module 's3rver/lib/models/error' {
  /** An S3 error: answered as `<Error><Code>…`, with its HTTP status. */
  class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, unknown>);
    readonly code: string;
    readonly status: number;
  }

  export = S3Error;
}

declare module 's3rver/lib/stores/filesystem' {
  import type { Readable } from 'node:stream';
  import type S3Object from 's3rver/lib/models/object';

  type Metadata = Record<string, string>;

  /** s3rver's store: each key as a file path under `rootDirectory/<bucket>/`. */
  class FilesystemStore {
    static decodeKeyPath(keyPath: string): string;
    constructor(rootDirectory: string);
    readonly rootDirectory: string;
    getBucketPath(bucket: string): string;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    getMetadata(bucket: string, key: string): Promise<Metadata>;
    putMetadata(bucket: string, key: string, metadata: Metadata, md5?: string): Promise<void>;
    listObjects(
      bucket: string,
      options: {
        delimiter?: string | undefined;
        startAfter?: string | undefined;
        prefix?: string | undefined;
        maxKeys?: number | undefined;
      },
    ): Promise<{
      objects: readonly S3Object[];
      commonPrefixes: readonly string[];
      isTruncated: boolean;
    }>;
    putObject(object: S3Object): Promise<{ size: number; md5: string }>;
    copyObject(
      srcBucket: string,
      srcKey: string,
      destBucket: string,
      destKey: string,
      replacementMetadata: Metadata | null,
    ): Promise<Metadata>;
    deleteObject(bucket: string, key: string): Promise<void>;
    initiateUpload(
      bucket: string,
      key: string,
      uploadId: string,
      metadata: Metadata,
    ): Promise<void>;
    putPart(
      bucket: string,
      uploadId: string,
      partNumber: number | string,
      content: Readable,
    ): Promise<{ size: number; md5: string }>;
    putObjectMultipart(
      bucket: string,
      uploadId: string,
      parts: ReadonlyArray<{ number: number; etag: string }>,
    ): Promise<{ size: number; md5: string }>;
  }

  export = FilesystemStore;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }

  function dynalite(options?: DynaliteOptions): Server;

  export = dynalite;
}

declare module 's3rver/lib/models/account' {
  /** The one account s3rver knows; each registered key pair may sign requests. */
  export const DUMMY_ACCOUNT: {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  };
}
