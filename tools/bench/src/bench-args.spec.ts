import { BENCH_PARTS, parseBenchArgs, UsageError } from './bench-args';

describe('parseBenchArgs', () => {
  it('given no options, when parsed, then every part runs 7 iterations after 2 warm-up runs', () => {
    expect(parseBenchArgs([])).toEqual({
      kind: 'run',
      iterations: 7,
      warmup: 2,
      quick: false,
      parts: [...BENCH_PARTS],
      photos: 40,
      build: true,
      python: '/usr/bin/python3',
      convert: '/usr/bin/convert',
      resultsDir: 'tools/bench/results',
    });
  });

  it('given --quick, when parsed, then it runs 3 iterations after 1 warm-up run', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({
      kind: 'run',
      iterations: 3,
      warmup: 1,
      quick: true,
    });
  });

  it('given --memory-only, when parsed, then only the memory part runs', () => {
    expect(parseBenchArgs(['--memory-only'])).toMatchObject({ kind: 'run', parts: ['memory'] });
  });

  it('given --only with parts out of order, when parsed, then those parts run in the bench order', () => {
    expect(parseBenchArgs(['--only', 'e2e, cold-start'])).toMatchObject({
      kind: 'run',
      parts: ['cold-start', 'e2e'],
    });
  });

  it('given --iterations 12, --photos 60 and --no-build, when parsed, then they apply', () => {
    expect(parseBenchArgs(['--iterations', '12', '--photos', '60', '--no-build'])).toMatchObject({
      kind: 'run',
      iterations: 12,
      photos: 60,
      build: false,
    });
  });

  it('given --no-results or --results, when parsed, then the results folder follows', () => {
    expect(parseBenchArgs(['--no-results'])).toMatchObject({ resultsDir: undefined });
    expect(parseBenchArgs(['--results', '/tmp/out'])).toMatchObject({ resultsDir: '/tmp/out' });
  });

  it('given --python and --convert, when parsed, then the peers run with them', () => {
    expect(
      parseBenchArgs(['--python', '/opt/py/bin/python3', '--convert', '/opt/im/convert']),
    ).toMatchObject({ python: '/opt/py/bin/python3', convert: '/opt/im/convert' });
  });

  it('given --help among other options, when parsed, then it shows help', () => {
    expect(parseBenchArgs(['--quick', '-h'])).toEqual({ kind: 'help' });
  });

  it('given an internal child flag, when parsed, then it names that child', () => {
    expect(parseBenchArgs(['--handler-child', '{}'])).toEqual({
      kind: 'handler-child',
      plan: '{}',
    });
  });

  it.each([
    [['--iterations', '0']],
    [['--iterations', 'many']],
    [['--photos', '39']],
    [['--only', 'speed']],
    [['--only', '']],
    [['--only', 'e2e', '--memory-only']],
    [['--fast']],
    [['extra']],
  ])('given %j, when parsed, then it is a usage error', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
  });
});
