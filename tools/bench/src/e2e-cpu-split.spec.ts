import { cpuByKind, cpuSplitRows, STACK } from './e2e-cpu-split';
import type { ProcessCpuDelta } from './process-tree-cpu';

const STACK_PID = 100;

const delta = (overrides: Partial<ProcessCpuDelta> & { pid: number }): ProcessCpuDelta => ({
  command: 'node',
  seconds: 0,
  mainSeconds: 0,
  ...overrides,
});

describe('cpuByKind', () => {
  it('given the stack, its functions and their helpers, when grouped, then functions go by service and the stack and esbuild have a row each, largest first', () => {
    const processes = [
      delta({ pid: STACK_PID, seconds: 6, mainSeconds: 4.5 }),
      delta({ pid: 101, service: 'resize-service', seconds: 20, mainSeconds: 5 }),
      delta({ pid: 102, service: 'metadata-service', seconds: 8, mainSeconds: 6 }),
      delta({
        pid: 103,
        command: '/repo/node_modules/esbuild --service=0.28.2 --ping',
        seconds: 0.5,
      }),
      delta({
        pid: 104,
        command: '/repo/node_modules/esbuild --service=0.28.2 --ping',
        seconds: 0.25,
      }),
      delta({ pid: 105, command: 'node idle-helper.js', seconds: 0 }),
    ];

    const kinds = cpuByKind(processes, STACK_PID);

    expect(kinds).toEqual([
      { kind: 'resize-service function', seconds: 20, mainSeconds: 5 },
      { kind: 'metadata-service function', seconds: 8, mainSeconds: 6 },
      { kind: STACK, seconds: 6, mainSeconds: 4.5 },
      { kind: "esbuild (tsx's loader)", seconds: 0.75, mainSeconds: 0 },
    ]);
  });
});

describe('cpuSplitRows', () => {
  it('given the kinds, the client and the bare run, when tabled, then each row has its share of the pipeline and of bare, and the totals say how busy the cores were', () => {
    const rows = cpuSplitRows({
      kinds: [{ kind: 'resize-service function', seconds: 30, mainSeconds: 6 }],
      clientSeconds: 10,
      pipelineMs: 40_000,
      bareSeconds: 32,
      bareMainSeconds: 8,
      bareMs: 20_000,
      cores: 2,
    });

    expect(rows).toEqual([
      ['CPU during the run', 'CPU s', 'of pipeline', 'of bare', 'on main thread', 'cores busy'],
      ['resize-service function', '30.0', '75 %', '94 %', '20 %', ''],
      ['bench: uploads and done-poll', '10.0', '25 %', '31 %', '', ''],
      ['pipeline, all of it', '40.0', '100 %', '125 %', '', '50 %'],
      ['bare sharp (mean of both)', '32.0', '', '100 %', '25 %', '80 %'],
    ]);
  });
});
