import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ErrorLog } from './s3-emulator';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** dynalite's own limit on a request body, answered with 413. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** DynamoDB's answer to a request it failed on. */
function answerInternalError(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: 'Internal server error',
  });
  res.writeHead(500, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * dynalite's request handler throws from inside its request's event listeners: on a client
 * that disconnects mid-request (`req.on('error', err => { throw err })`) and on a validation
 * error it does not expect. Either is an uncaught exception that ends the process. So the
 * body is read here, where a client's error only ends that request, and handed to dynalite
 * on a request stand-in whose events are emitted here, where a throw is caught and answered
 * with a 500 InternalServerError.
 */
function guarded(dynaliteListener: RequestListener, log: ErrorLog): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (bytes > MAX_REQUEST_BYTES) {
        res.writeHead(413).end();
        return;
      }
      const standIn = Object.assign(new EventEmitter(), {
        method: req.method,
        url: req.url,
        headers: req.headers,
      });
      try {
        dynaliteListener(standIn as unknown as IncomingMessage, res);
        if (chunks.length > 0) standIn.emit('data', Buffer.concat(chunks));
        standIn.emit('end');
      } catch (error) {
        log(
          `dynamodb: ${String(req.headers['x-amz-target'] ?? req.method)} answered 500 InternalServerError: ${String(error)}`,
        );
        answerInternalError(res);
      }
    });
  };
}

/**
 * Puts {@link guarded} in front of the request listener of a `dynalite()` server, before it
 * listens.
 *
 * @example
 * const server = guardDynalite(dynalite({ path }), console.error);
 * server.listen(4567, '127.0.0.1');
 */
export function guardDynalite(server: Server, log: ErrorLog): Server {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', guarded(listener, log));
  return server;
}
