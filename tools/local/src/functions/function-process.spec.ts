import childProcess from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitFor } from '@imgpipe/testing';
import { FunctionCrashedError, FunctionProcess, FunctionTimedOutError } from './function-process';
import type { FunctionMemory, FunctionSpec } from './function-process';
import { emfLine } from '../metrics/emf-fixture';

// Each case starts real node processes: the worker is TypeScript, loaded with tsx as the
// stack's own process loads it.
jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../../../..');
const TSX = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
// A function timeout well above what any case takes on a busy machine; one case sets its own.
const identity = { functionName: 'imgpipe-fixture', region: 'us-east-1', timeoutMs: 30_000 };
const emfDocument = emfLine('fixture-service', { ImagesProcessed: 1 });

const HANDLER = `
export const handler = async (event, context) => {
  if (event.crash) process.exit(3);
  if (event.throws) throw new Error('handler bug');
  if (event.hangs) await new Promise(() => undefined);
  if (event.hog) {
    const held = [];
    for (let i = 0; i < 64; i += 1) {
      held.push(Buffer.alloc(16 * 1024 * 1024, 1));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return held.length;
  }
  console.log(${JSON.stringify(emfDocument)});
  return { event, memory: context.memoryLimitInMB, value: process.env.FIXTURE_VALUE };
};
`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('FunctionProcess', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imgpipe-function-'));
  // While it exists, the handler module of `loads-once.mjs` exits as it loads.
  const loadCrash = join(dir, 'load-crash');
  const started: FunctionProcess[] = [];
  const metrics: string[] = [];
  const memories: FunctionMemory[] = [];
  const warnings: string[] = [];

  function spec(file: string, memoryMb = 256): FunctionSpec {
    return {
      name: 'fixture-service',
      file: join(dir, file),
      env: {
        NODE_OPTIONS: `--import=${TSX}`,
        TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.base.json'),
        FIXTURE_VALUE: 'own environment',
      },
      memoryMb,
      verbose: false,
    };
  }

  async function start(file: string, memoryMb?: number): Promise<FunctionProcess> {
    const fn = await FunctionProcess.start(spec(file, memoryMb), {
      onMetric: (line) => metrics.push(line),
      onMemory: (memory) => memories.push(memory),
      warn: (line) => warnings.push(line),
    });
    started.push(fn);
    return fn;
  }

  beforeAll(() => {
    writeFileSync(join(dir, 'handler.mjs'), HANDLER);
    writeFileSync(join(dir, 'no-handler.mjs'), 'export const other = 1;\n');
    writeFileSync(
      join(dir, 'loads-once.mjs'),
      `import { existsSync } from 'node:fs';\nif (existsSync(${JSON.stringify(loadCrash)})) process.exit(4);\n${HANDLER}`,
    );
  });

  afterAll(async () => {
    await Promise.all(started.map((fn) => fn.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an event, when invoked, then the handler answers from its own process with its own environment and memory setting', async () => {
    const fn = await start('handler.mjs');

    const response = await fn.invoke({ Records: [] }, identity);

    expect(response).toEqual({ event: { Records: [] }, memory: '256', value: 'own environment' });
    expect(fn.pid).not.toBe(process.pid);
    expect(process.env['FIXTURE_VALUE']).toBeUndefined();
    expect(metrics).toContain(emfDocument);
    expect(fn.memory().peakMb).toBeGreaterThan(0);
    expect(fn.memory().limitMb).toBe(256);
  });

  it('given a handler that throws, then the invocation rejects with its message and the process lives on', async () => {
    const fn = await start('handler.mjs');
    const pid = fn.pid;

    await expect(fn.invoke({ throws: true }, identity)).rejects.toThrow('handler bug');

    expect(fn.pid).toBe(pid);
    expect(fn.memory().restarts).toBe(0);
  });

  it('given a process that exits mid-invocation, then the invocation rejects as a crash and the next one starts a new process', async () => {
    const fn = await start('handler.mjs');
    const pid = fn.pid;

    await expect(fn.invoke({ crash: true }, identity)).rejects.toThrow(FunctionCrashedError);
    const after = await fn.invoke({ again: true }, identity);

    expect(after).toMatchObject({ event: { again: true } });
    expect(fn.pid).not.toBe(pid);
    expect(fn.memory().restarts).toBe(1);
    expect(warnings.join('\n')).toMatch(/exited with code 3 during an invocation/);
  });

  it('given a handler that goes over its memory setting, then its process is killed, the invocation rejects, and the next one gets a new process', async () => {
    const fn = await start('handler.mjs', 256);

    await expect(fn.invoke({ hog: true }, identity)).rejects.toThrow(/went over its memory/);
    const after = await fn.invoke({ again: true }, identity);

    expect(after).toMatchObject({ event: { again: true } });
    expect(fn.memory().restarts).toBe(1);
    expect(fn.memory().peakMb).toBeGreaterThan(256);
  });

  it('given a module without a handler export, then starting it fails with the reason', async () => {
    await expect(start('no-handler.mjs')).rejects.toThrow(
      /does not export a function named handler/,
    );
  });

  it('given a process that dies while loading after a crash, then the invocation rejects, no restart is counted for it, and the process that comes up next is the one restart', async () => {
    const fn = await start('loads-once.mjs');
    await expect(fn.invoke({ crash: true }, identity)).rejects.toThrow(FunctionCrashedError);
    writeFileSync(loadCrash, '');

    await expect(fn.invoke({}, identity)).rejects.toThrow(/exited with code 4 while loading/);
    expect(fn.memory().restarts).toBe(0);
    rmSync(loadCrash);
    const after = await fn.invoke({ again: true }, identity);

    expect(after).toMatchObject({ event: { again: true } });
    expect(fn.memory().restarts).toBe(1);
  });

  it('given a process that cannot be started (an error, no exit), then the invocation rejects and the next one starts a process', async () => {
    const fn = await start('handler.mjs');
    await expect(fn.invoke({ crash: true }, identity)).rejects.toThrow(FunctionCrashedError);
    const realFork = childProcess.fork;
    const fork = jest
      .spyOn(childProcess, 'fork')
      .mockImplementationOnce((modulePath, args, options) =>
        realFork(modulePath, args, { ...options, execPath: join(dir, 'no-such-node') }),
      );

    try {
      await expect(fn.invoke({}, identity)).rejects.toThrow(/ENOENT/);
    } finally {
      fork.mockRestore();
    }
    const after = await fn.invoke({ again: true }, identity);

    expect(after).toMatchObject({ event: { again: true } });
    expect(fn.memory().restarts).toBe(1);
  });

  it('given an invocation that runs past its timeout, then it rejects as timed out, its process is killed as Lambda does, and the next one starts a new process', async () => {
    const fn = await start('handler.mjs');
    const pid = fn.pid ?? 0;

    await expect(fn.invoke({ hangs: true }, { ...identity, timeoutMs: 300 })).rejects.toThrow(
      new FunctionTimedOutError('fixture-service: Task timed out after 0.30 seconds'),
    );
    const after = await fn.invoke({ again: true }, identity);

    expect(after).toMatchObject({ event: { again: true } });
    expect(fn.pid).not.toBe(pid);
    await waitFor(() => !isRunning(pid), {
      timeoutMs: 10_000,
      what: 'the timed-out process to end',
    });
    expect(warnings.join('\n')).toMatch(/fixture-service: Task timed out after 0\.30 seconds/);
    expect(fn.memory().restarts).toBe(0);
  });
});
