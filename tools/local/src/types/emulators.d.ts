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
  }

  export = S3rver;
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
