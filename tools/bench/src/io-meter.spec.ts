import { createServer, get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startIoMeter } from './io-meter';

// A clock the test moves by hand: the server moves it while a request is open.
function handClock() {
  const now = { wall: 0, cpu: 0 };
  return { now, clock: { wallMs: () => now.wall, cpuMs: () => now.cpu } };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

// node:http, not fetch: fetch goes through undici, whose requests these channels do not see.
function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('startIoMeter', () => {
  const { now, clock } = handClock();
  const server = createServer((request, response) => {
    // The time a request is open: the path says how long.
    const open = Number(request.url?.slice(1) ?? 0);
    now.wall += open;
    now.cpu += open / 10;
    response.end('ok');
  });
  let port = 0;

  beforeAll(async () => {
    port = await listen(server);
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('given two requests one after the other, when taken, then it sums the time each was open', async () => {
    // Arrange
    const meter = startIoMeter(clock);
    try {
      // Act
      await get(port, '/40');
      now.wall += 1000; // work between the requests is not I/O
      await get(port, '/60');
      const taken = meter.take();

      // Assert
      expect(taken).toEqual({ wallMs: 100, cpuMs: 10 });
    } finally {
      meter.stop();
    }
  });

  it('given overlapping requests, when taken, then the time both were open counts once', async () => {
    // Arrange
    const meter = startIoMeter(clock);
    try {
      // Act
      await Promise.all([get(port, '/30'), get(port, '/20')]);
      const taken = meter.take();

      // Assert
      expect(taken.wallMs).toBe(50);
    } finally {
      meter.stop();
    }
  });

  it('given a take, when taken again with no request since, then it starts afresh at zero', async () => {
    // Arrange
    const meter = startIoMeter(clock);
    try {
      await get(port, '/25');
      meter.take();

      // Act
      const again = meter.take();

      // Assert
      expect(again).toEqual({ wallMs: 0, cpuMs: 0 });
    } finally {
      meter.stop();
    }
  });

  it('given a stopped meter, when a request is made, then nothing is counted', async () => {
    // Arrange
    const meter = startIoMeter(clock);
    meter.stop();

    // Act
    await get(port, '/70');

    // Assert
    expect(meter.take()).toEqual({ wallMs: 0, cpuMs: 0 });
  });
});
