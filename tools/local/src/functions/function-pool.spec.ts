import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { descendantPids } from '@imgpipe/process-stats';
import { FunctionPool } from './function-pool';
import { FunctionTimedOutError } from './function-process';
import type { FunctionMemory } from './function-process';

// Real node processes, as in function-process.spec.ts: the worker is loaded with tsx.
jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../../../..');
const TSX = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
const identity = { functionName: 'imgpipe-fixture', region: 'us-east-1', timeoutMs: 30_000 };

// Holds each invocation for `holdMs`, so that a second one asked meanwhile finds it busy.
const HANDLER = `
export const handler = async (event) => {
  const startedAt = Date.now();
  if (event.hangs) await new Promise(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, event.holdMs ?? 0));
  return { pid: process.pid, startedAt, endedAt: Date.now() };
};
`;

interface Answer {
  readonly pid: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

describe('FunctionPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imgpipe-pool-'));
  const pools: FunctionPool[] = [];
  const memories: FunctionMemory[] = [];

  async function pool(maxEnvironments: number): Promise<FunctionPool> {
    const started = await FunctionPool.start(
      {
        name: 'fixture-service',
        file: join(dir, 'handler.mjs'),
        env: {
          NODE_OPTIONS: `--import=${TSX}`,
          TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.base.json'),
        },
        memoryMb: 256,
        verbose: false,
      },
      {
        onMetric: () => undefined,
        onMemory: (memory) => memories.push(memory),
        warn: () => undefined,
      },
      maxEnvironments,
    );
    pools.push(started);
    return started;
  }

  const invoke = async (fn: FunctionPool, event: object, timeoutMs = identity.timeoutMs) =>
    (await fn.invoke(event, { ...identity, timeoutMs })) as Answer;

  beforeAll(() => writeFileSync(join(dir, 'handler.mjs'), HANDLER));
  afterAll(async () => {
    await Promise.all(pools.map((fn) => fn.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('given two invocations at once, then each runs in an environment of its own, and the next reuses one of them', async () => {
    const fn = await pool(4);

    const [first, second] = await Promise.all([
      invoke(fn, { holdMs: 300 }),
      invoke(fn, { holdMs: 300 }),
    ]);
    const third = await invoke(fn, {});

    expect(first.pid).not.toBe(second.pid);
    expect([first.pid, second.pid]).toContain(third.pid);
    expect(fn.size).toBe(2);
    expect(fn.memory()).toMatchObject({ limitMb: 256, restarts: 0 });
    expect(fn.memory().peakMb).toBeGreaterThan(0);
    expect(memories.at(-1)).toEqual(fn.memory());
  });

  it('given one environment at most, then a second invocation waits until the first has ended', async () => {
    const fn = await pool(1);

    const [first, second] = await Promise.all([
      invoke(fn, { holdMs: 300 }),
      invoke(fn, { holdMs: 0 }),
    ]);

    expect(second.pid).toBe(first.pid);
    expect(second.startedAt).toBeGreaterThanOrEqual(first.endedAt);
    expect(fn.size).toBe(1);
  });

  it('given a stop while an environment is still starting, then the invocation waiting for it fails and no process is left', async () => {
    const before = new Set(descendantPids(process.pid));
    const fn = await pool(4);
    const busy = invoke(fn, { holdMs: 1_000 });
    const waiting = expect(invoke(fn, {})).rejects.toThrow('fixture-service is stopping');

    await fn.stop();

    await waiting;
    await busy.catch(() => undefined);
    expect(fn.size).toBe(2);
    expect(descendantPids(process.pid).filter((pid) => !before.has(pid))).toEqual([]);
  });

  it('given one invocation that times out, then one running beside it in another environment still answers', async () => {
    const fn = await pool(4);

    const [timedOut, answered] = await Promise.allSettled([
      invoke(fn, { hangs: true }, 1_000),
      invoke(fn, { holdMs: 1_500 }),
    ]);

    expect(timedOut).toMatchObject({
      status: 'rejected',
      reason: expect.any(FunctionTimedOutError),
    });
    expect(answered).toMatchObject({ status: 'fulfilled', value: { pid: expect.any(Number) } });
  });
});
