import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICE_NAMES } from '@imgpipe/registry';
import { main } from './main';
import { captureIo } from './test-io';

// Every command, when the local stack is not running: a stack.json left by a process that has
// exited, or one whose emulators refuse connections, says how to start it and exits 1.
jest.setTimeout(60_000);

const STOPPED =
  /^imgpipe [a-z ]+: local stack not running: start it with `npm start` \(.+ is left from process \d+, which has exited\)\n$/;

describe('imgpipe when the local stack is not running', () => {
  let root: string;
  let stackFile: string;

  /** A stack description as the local stack writes it, held by `pid`, on `port`. */
  function description(pid: number, port: number) {
    const endpoint = `http://127.0.0.1:${port}`;
    const key = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' };
    return {
      region: 'us-east-1',
      credentials: key,
      principals: { operator: key },
      endpoints: { s3: endpoint, sns: endpoint, sqs: endpoint, dynamodb: endpoint },
      buckets: { source: 'imgpipe-source', processed: 'imgpipe-processed' },
      topicArn: 'arn:aws:sns:us-east-1:000000000000:imgpipe-uploads',
      table: 'imgpipe-images',
      queues: Object.fromEntries(
        SERVICE_NAMES.map((service) => [
          service,
          {
            name: `imgpipe-${service}`,
            url: `${endpoint}/000000000000/imgpipe-${service}`,
            arn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${service}`,
            dlqName: `imgpipe-${service}-dlq`,
            dlqUrl: `${endpoint}/000000000000/imgpipe-${service}-dlq`,
            dlqArn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${service}-dlq`,
          },
        ]),
      ),
      dataDir: join(root, '.imgpipe'),
      pid,
      startedAt: new Date().toISOString(),
    };
  }

  /** A port nothing listens on: taken, then given back. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  async function run(argv: string[]) {
    const io = captureIo({ cwd: root });
    const code = await main(argv, io);
    return { code, out: io.stdoutText(), err: io.stderrText() };
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'imgpipe-cli-down-'));
    await mkdir(join(root, '.imgpipe'));
    await writeFile(join(root, 'a.jpg'), 'x');
    stackFile = join(root, '.imgpipe', 'stack.json');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['status', 'a.jpg'],
    ['list'],
    ['upload', 'a.jpg'],
    ['reprocess', 'a.jpg'],
    ['dlq', 'list', 'all'],
    ['dlq', 'replay', 'all'],
    ['dlq', 'cancel', 'all'],
  ])(
    'given a stack.json left by an exited process, when running %s, then exit 1 saying how to start it',
    async (...argv) => {
      const exited = spawnSync(process.execPath, ['-e', '']).pid;
      await writeFile(stackFile, JSON.stringify(description(exited, await closedPort())));

      const { code, out, err } = await run(argv);

      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toMatch(STOPPED);
    },
  );

  it.each([['status', 'a.jpg'], ['list'], ['dlq', 'list', 'resize']])(
    'given emulators that refuse connections, when running %s, then exit 1 saying how to start it',
    async (...argv) => {
      await writeFile(stackFile, JSON.stringify(description(process.pid, await closedPort())));

      const { code, err } = await run(argv);

      expect(code).toBe(1);
      expect(err).toContain(
        'local stack not running: start it with `npm start` (connection refused)',
      );
    },
  );

  it('given emulators that refuse connections, when reprocessing, then the key fails saying how to start the stack', async () => {
    await writeFile(stackFile, JSON.stringify(description(process.pid, await closedPort())));

    const { code, err } = await run(['reprocess', 'a.jpg']);

    expect(code).toBe(1);
    expect(err).toBe(
      'reprocessing "a.jpg" failed: local stack not running: start it with `npm start` (connection refused)\n',
    );
  });

  it('given emulators that refuse connections, when the installed bin lists, then it exits 1 saying how to start the stack', async () => {
    await writeFile(stackFile, JSON.stringify(description(process.pid, await closedPort())));

    const run = promisify(execFile)(
      process.execPath,
      [join(__dirname, '..', 'bin', 'imgpipe.js'), 'list', '--stack', stackFile],
      { cwd: root, env: { PATH: process.env['PATH'] ?? '' }, timeout: 50_000 },
    );

    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'imgpipe list: listing imgpipe-images failed: local stack not running: start it with `npm start` (connection refused)\n',
    });
  });
});
