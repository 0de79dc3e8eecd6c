import { formatRunSummary, percentile } from './run-summary';
import type { PhaseResult } from './run-summary';

const phase = (overrides: Partial<PhaseResult>): PhaseResult => ({
  phase: 'load',
  fault: 'none',
  faultHits: 0,
  images: 10,
  counted: 10,
  lost: 0,
  duplicates: 0,
  dlq: 0,
  wronglyRejected: 0,
  retries: 2,
  seconds: 5,
  latenciesMs: [1000, 2000, 3000],
  ...overrides,
});

describe('run summary', () => {
  it('given values, then nearest-rank percentiles; none gives 0', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('given two phases, then a row each and totals from the last full count', () => {
    const text = formatRunSummary({
      phases: [
        phase({}),
        phase({
          phase: 's3 writes',
          fault: 's3-put-object',
          faultHits: 12,
          counted: 20,
          latenciesMs: [4000],
        }),
      ],
      badInputs: [],
      peakStackMemoryMb: 812,
      functions: [],
      stackCpuSeconds: 40,
      machine: '2 CPUs',
      totalSeconds: 20,
    });
    const lines = text.split('\n');

    expect(lines[0]).toMatch(
      /^phase\s+fault\s+hits\s+images\s+counted\s+lost\s+dup\s+DLQ\s+rejected\s+retries\s+images\/s\s+p50\s+p99$/,
    );
    expect(lines[1]).toMatch(
      /^load\s+none\s+0\s+10\s+10\s+0\s+0\s+0\s+0\s+2\s+2\.00\s+2\.0 s\s+3\.0 s$/,
    );
    expect(lines[2]).toMatch(/^s3 writes\s+s3-put-object\s+12\s+10\s+20\s/);
    expect(lines[3]).toMatch(
      /^total\s+1 faults\s+12\s+20\s+20\s+0\s+0\s+0\s+0\s+4\s+2\.00\s+2\.0 s\s+4\.0 s$/,
    );
    expect(lines.slice(5)).toEqual([
      'peak memory of the stack process (emulators, gateways, runners): 812 MB; CPU of the stack and its functions 40 s (0.50 images per CPU-second)',
      '20.0 s in all on 2 CPUs',
    ]);
  });

  it('given function peaks, then a row each with its share of the memory setting, before the stack line', () => {
    const text = formatRunSummary({
      phases: [phase({})],
      badInputs: [],
      peakStackMemoryMb: 300,
      functions: [
        { name: 'resize-service', peakMb: 512, limitMb: 2048, restarts: 0 },
        { name: 'metadata-service', peakMb: 768, limitMb: 1024, restarts: 1 },
      ],
      stackCpuSeconds: 1,
      machine: 'm',
      totalSeconds: 1,
    });
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.startsWith('function'));

    expect(lines[at]).toMatch(/^function\s+peak MB\s+memory MB\s+peak\/memory\s+restarts$/);
    expect(lines[at + 1]).toMatch(/^resize-service\s+512\s+2048\s+25 %\s+0$/);
    expect(lines[at + 2]).toMatch(/^metadata-service\s+768\s+1024\s+75 %\s+1$/);
    expect(lines[at + 4]).toMatch(/^peak memory of the stack process .*: 300 MB;/);
  });

  it('given bad inputs, then a line each after the table: what, how it ended, why', () => {
    const text = formatRunSummary({
      phases: [phase({})],
      badInputs: [
        { what: 'zero bytes', outcome: 'image rejected', reason: 'the object is empty' },
        { what: 'CMYK JPEG', outcome: 'image done', reason: '' },
      ],
      peakStackMemoryMb: 1,
      functions: [],
      stackCpuSeconds: 1,
      machine: 'm',
      totalSeconds: 1,
    });

    expect(text.split('\n').slice(-3)).toEqual([
      'bad inputs (2):',
      'zero bytes  image rejected  the object is empty',
      'CMYK JPEG   image done',
    ]);
  });
});
