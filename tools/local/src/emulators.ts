import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import dynalite from 'dynalite';
import type S3rver from 's3rver';
import type { PortName } from './cli-options';
import { PORT_SETTINGS } from './cli-options';
import { guardDynalite } from './dynalite-guard';
import { answerInternalErrors } from './fauxqs-errors';
import { createS3Emulator } from './s3-emulator';
import type { ErrorLog } from './s3-emulator';

/** Every emulator binds here only; nothing is reachable from other machines. */
export const HOST = '127.0.0.1';

/** A port the stack wants is taken; the message tells how to choose another. */
export class PortInUseError extends Error {
  constructor(
    readonly portName: PortName,
    readonly port: number,
  ) {
    const setting = PORT_SETTINGS[portName];
    super(
      `port ${port} for ${setting.label} is already in use: stop what holds it, or start with ${setting.flag} <port> (or ${setting.env}=<port>, or --ports auto)`,
    );
    this.name = 'PortInUseError';
  }
}

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: string }).code === 'EADDRINUSE';
}

/** Where emulators report the errors they answered with a 500, unless told otherwise. */
const toStderr: ErrorLog = (line) => process.stderr.write(`${line}\n`);

/**
 * Listens on 127.0.0.1. Once listening, a server error (accept failing for want of file
 * descriptors, …) is reported instead of being emitted with no listener, which would end
 * the process.
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const bound = await listen(server, 's3', 4568, log);
 */
export function listen(
  server: Server,
  portName: PortName,
  port: number,
  log: ErrorLog,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) =>
      reject(isAddressInUse(error) ? new PortInUseError(portName, port) : error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      server.on('error', (error) => log(`${portName}: server error: ${String(error)}`));
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Closes a server, keep-alive connections included.
 *
 * @example
 * await close(server);
 */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets from SDK clients would hold close() open until they time out.
    server.closeAllConnections();
  });
}

/** A running emulator: its endpoint, and how to stop it. */
export interface RunningEmulator {
  readonly endpoint: string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts s3rver with its objects as files under `directory`, serving on 127.0.0.1; any S3
 * key up to 1,024 bytes works (see `createS3Emulator`). Its `event` emitter (the bridge's
 * input) is returned as `s3rver`. A request it fails on is answered with a 500 and reported
 * to `log`.
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const s3 = await startS3(join(dataDir, 's3'), 4568);
 * s3.s3rver.on('event', bridge.handle);
 */
export async function startS3(
  directory: string,
  port: number,
  log: ErrorLog = toStderr,
): Promise<RunningEmulator & { readonly s3rver: S3rver }> {
  const { s3rver, listener } = createS3Emulator(directory, log);
  const server = createServer(listener);
  const bound = await listen(server, 's3', port, log);
  return {
    s3rver,
    endpoint: `http://${HOST}:${bound}`,
    stop: async () => {
      await close(server);
      s3rver.logger.close();
    },
  };
}

/**
 * Starts dynalite with its LevelDB under `directory`, on 127.0.0.1. Tables become active at
 * once instead of after dynalite's default 500 ms. A client that disconnects mid-request, or
 * a request dynalite throws on, ends only that request (see `guardDynalite`).
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const dynamodb = await startDynamoDb(join(dataDir, 'dynamodb'), 4567);
 */
export async function startDynamoDb(
  directory: string,
  port: number,
  log: ErrorLog = toStderr,
): Promise<RunningEmulator> {
  const server = guardDynalite(
    dynalite({
      path: directory,
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    }),
    log,
  );
  const bound = await listen(server, 'dynamodb', port, log);
  return { endpoint: `http://${HOST}:${bound}`, stop: () => close(server) };
}

/**
 * Starts fauxqs (SNS + SQS, in memory) on 127.0.0.1. fauxqs's own `startFauxqs` always
 * binds 0.0.0.0, so its app is built and bound here instead. It is an ES module, loaded
 * with `import()` from this CommonJS-compiled code. A request it fails on is answered as
 * SQS/SNS do and reported to `log` (see `answerInternalErrors`).
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const sqs = await startSnsSqs(4566, 'us-east-1');
 */
export async function startSnsSqs(
  port: number,
  region: string,
  log: ErrorLog = toStderr,
): Promise<RunningEmulator> {
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false, defaultRegion: region });
  answerInternalErrors(app, log);
  try {
    await app.listen({ port, host: HOST });
  } catch (error) {
    await app.close();
    throw isAddressInUse(error) ? new PortInUseError('sqs', port) : error;
  }
  const bound = (app.server.address() as AddressInfo).port;
  return { endpoint: `http://${HOST}:${bound}`, stop: () => app.close() };
}

/**
 * Where each emulator keeps its files inside the data folder.
 *
 * @example
 * dataPaths('/repo/.imgpipe').s3; // '/repo/.imgpipe/s3'
 */
export function dataPaths(dataDir: string) {
  return {
    s3: join(dataDir, 's3'),
    dynamodb: join(dataDir, 'dynamodb'),
    sequencers: join(dataDir, 'sequencers.json'),
    stackFile: join(dataDir, 'stack.json'),
  };
}
