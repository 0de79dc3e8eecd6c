import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultControlHandler } from './fault-control-server';
import { FaultController } from './fault-controller';

describe('fault control endpoint', () => {
  const token = 'secret-token';
  const lines: string[] = [];
  let faults: FaultController;
  let server: Server;
  let base: string;
  const call = (method: string, path: string, body?: unknown, auth = `Bearer ${token}`) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    lines.length = 0;
    faults = new FaultController();
    server = createServer(faultControlHandler(faults, token, (line) => lines.push(line)));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('given no token or a wrong one, then 401 and no fault is switched on', async () => {
    const none = await call('POST', '/faults', { kind: 'dynamodb-throttle' }, '');
    const wrong = await call('POST', '/faults', { kind: 'dynamodb-throttle' }, 'Bearer nope');

    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(faults.list()).toEqual([]);
  });

  it('given a fault posted, listed and deleted, then it is on, then off with its counts, and each change is logged', async () => {
    const created = await call('POST', '/faults', { kind: 'handler-throws', service: 'resize' });
    const { id } = (await created.json()) as { id: number };
    expect(() => faults.beforeHandler('resize', 4)).toThrow();

    const listed = (await (await call('GET', '/faults')).json()) as unknown[];
    const deleted = await call('DELETE', `/faults/${id}`);

    expect(created.status).toBe(201);
    expect(listed).toEqual([
      expect.objectContaining({ id, kind: 'handler-throws', active: true, failedMessages: 4 }),
    ]);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ id, active: false, failed: 1 });
    expect(lines).toEqual([
      'faults: #1 on: handler-throws: resize throws on 100 % of invocations',
      'faults: #1 off after failing 1 of 1 calls',
    ]);
  });

  it('given DELETE /faults, then every active fault is switched off', async () => {
    await call('POST', '/faults', { kind: 'dynamodb-throttle', share: 0.5 });
    await call('POST', '/faults', { kind: 's3-put-object', statuses: [503] });

    const answer = await call('DELETE', '/faults');

    expect(answer.status).toBe(200);
    expect(faults.list().map((fault) => fault.active)).toEqual([false, false]);
  });

  it('given a body that is not a fault, an unknown id or path, then 400 or 404 saying why', async () => {
    const bad = await call('POST', '/faults', { kind: 'handler-throws' });
    const unknown = await call('DELETE', '/faults/7');
    const path = await call('GET', '/other');

    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^not a fault: service/);
    expect(unknown.status).toBe(404);
    expect(path.status).toBe(404);
  });
});
