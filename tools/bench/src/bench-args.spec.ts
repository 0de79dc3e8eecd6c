import { parseBenchArgs, UsageError } from './bench-args';

describe('parseBenchArgs', () => {
  it('given no options, when parsed, then it runs 7 iterations after 2 warm-up runs', () => {
    expect(parseBenchArgs([])).toEqual({
      kind: 'run',
      iterations: 7,
      warmup: 2,
      quick: false,
      memoryOnly: false,
    });
  });

  it('given --quick, when parsed, then it runs 3 iterations after 1 warm-up run', () => {
    expect(parseBenchArgs(['--quick'])).toEqual({
      kind: 'run',
      iterations: 3,
      warmup: 1,
      quick: true,
      memoryOnly: false,
    });
  });

  it('given --memory-only, when parsed, then only the memory figures are asked for', () => {
    expect(parseBenchArgs(['--memory-only'])).toMatchObject({ kind: 'run', memoryOnly: true });
  });

  it('given --iterations 12, when parsed, then it runs 12 iterations', () => {
    expect(parseBenchArgs(['--iterations', '12'])).toMatchObject({ kind: 'run', iterations: 12 });
  });

  it('given --help among other options, when parsed, then it shows help', () => {
    expect(parseBenchArgs(['--quick', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([[['--iterations', '0']], [['--iterations', 'many']], [['--fast']], [['extra']]])(
    'given %j, when parsed, then it is a usage error',
    (argv) => {
      expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    },
  );
});
