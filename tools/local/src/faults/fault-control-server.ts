import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultController } from './fault-controller';
import { describeFault, parseFaultSpec } from './fault-spec';

/** Where the control endpoint is, as stack.json gives it. */
export interface FaultControlAddress {
  readonly endpoint: string;
  /** Sent as `Authorization: Bearer <token>`; only those who can read stack.json have it. */
  readonly token: string;
}

/** A running control endpoint. */
export interface FaultControl {
  readonly address: FaultControlAddress;
  readonly stop: () => Promise<void>;
}

/** A fault spec is a few hundred bytes. */
const MAX_BODY = 16 * 1024;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error(`body over ${MAX_BODY} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch (error) {
        reject(new Error(`body is not JSON: ${String(error)}`));
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(req.headers['authorization'] ?? ''));
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * The HTTP handler of the control endpoint:
 * - `GET /faults`: every fault switched on since the start, with `active` and its counts;
 * - `POST /faults` with a fault spec (see `faultSpecSchema`): switches it on, answers it with its id;
 * - `DELETE /faults/<id>`: switches it off, answers it with its final counts;
 * - `DELETE /faults`: switches every fault off.
 * Every request needs the bearer token.
 *
 * @example
 * createServer(faultControlHandler(localFaults, token, console.log));
 */
export function faultControlHandler(
  faults: FaultController,
  token: string,
  log: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req, token))
      return reply(res, 401, { error: 'send Authorization: Bearer <faults.token of stack.json>' });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const one = /^\/faults\/(\d+)$/.exec(path);
    if (req.method === 'GET' && path === '/faults') return reply(res, 200, faults.list());
    if (req.method === 'POST' && path === '/faults') {
      let spec;
      try {
        spec = parseFaultSpec(await readJson(req));
      } catch (error) {
        return reply(res, 400, { error: (error as Error).message });
      }
      const fault = faults.switchOn(spec);
      log(`faults: #${fault.id} on: ${describeFault(spec)}`);
      return reply(res, 201, fault);
    }
    if (req.method === 'DELETE' && (one || path === '/faults')) {
      const ids = one
        ? [Number(one[1])]
        : faults
            .list()
            .filter((fault) => fault.active)
            .map((fault) => fault.id);
      if (one && !faults.list().some((fault) => fault.id === ids[0]))
        return reply(res, 404, { error: `no fault ${ids[0]}` });
      const off = ids.map((id) => faults.switchOff(id));
      for (const fault of off)
        log(`faults: #${fault.id} off after failing ${fault.failed} of ${fault.matched} calls`);
      return reply(res, 200, one ? off[0] : off);
    }
    return reply(res, 404, { error: 'GET /faults, POST /faults, DELETE /faults[/<id>]' });
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
  };
}

/**
 * Serves the control endpoint on a free loopback port, with a fresh token.
 *
 * @example
 * const control = await startFaultControl(localFaults, terminal.out);
 * writeStackFile(file, { ...stack, faults: control.address });
 */
export async function startFaultControl(
  faults: FaultController,
  log: (line: string) => void,
): Promise<FaultControl> {
  const token = randomBytes(24).toString('hex');
  const server: Server = createServer(faultControlHandler(faults, token, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: { endpoint: `http://127.0.0.1:${port}`, token },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
