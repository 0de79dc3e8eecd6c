import { PORT_SETTINGS, UsageError, parseCliArgs, usage } from './cli-options';
import type { LocalOptions } from './cli-options';

const paths = { repoRoot: '/repo', cwd: '/work/somewhere' };

function optionsOf(argv: string[], env: NodeJS.ProcessEnv = {}): LocalOptions {
  const request = parseCliArgs(argv, env, paths);
  if (request.kind !== 'run') throw new Error('expected a run request');
  return request.options;
}

describe('parseCliArgs', () => {
  it('given no arguments, when parsed, then the documented defaults apply', () => {
    expect(optionsOf([])).toEqual({
      dataDir: '/repo/.imgpipe',
      ports: { s3: 4568, sqs: 4566, dynamodb: 4567, api: 4569 },
      once: false,
      samples: true,
      verbose: false,
      services: undefined,
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: undefined,
      functionTimeoutSeconds: undefined,
      batchSize: undefined,
      revoke: new Set(),
    });
  });

  it('given --help, when parsed, then help is asked for', () => {
    expect(parseCliArgs(['--help'], {}, paths)).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'], {}, paths)).toEqual({ kind: 'help' });
  });

  it('given every flag, when parsed, then each lands in its option', () => {
    const options = optionsOf([
      '--data-dir',
      'tmp/stack',
      '--s3-port',
      '5001',
      '--sqs-port',
      '5002',
      '--dynamodb-port',
      '5003',
      '--once',
      '--no-samples',
      '--verbose',
      '--services',
      'metadata, resize-service',
      '--max-receive-count',
      '3',
      '--visibility-timeout',
      '2',
      '--function-timeout',
      '2',
      '--batch-size',
      '1',
      '--revoke',
      'resize-service:WriteOwnOutputPrefix, operator:ListSources',
    ]);
    expect(options).toEqual({
      dataDir: '/work/somewhere/tmp/stack',
      ports: { s3: 5001, sqs: 5002, dynamodb: 5003, api: 4569 },
      once: true,
      samples: false,
      verbose: true,
      services: ['metadata', 'resize'],
      maxReceiveCount: 3,
      visibilityTimeoutSeconds: 2,
      functionTimeoutSeconds: 2,
      batchSize: 1,
      revoke: new Set(['resize-service:WriteOwnOutputPrefix', 'operator:ListSources']),
    });
  });

  it('given port variables in the environment, when no flag is given, then they are used', () => {
    const env = {
      [PORT_SETTINGS.s3.env]: '7001',
      [PORT_SETTINGS.sqs.env]: '7002',
      [PORT_SETTINGS.dynamodb.env]: '7003',
    };
    expect(optionsOf([], env).ports).toEqual({ s3: 7001, sqs: 7002, dynamodb: 7003, api: 4569 });
    expect(optionsOf(['--s3-port', '7101'], env).ports.s3).toBe(7101);
  });

  it('given --ports auto, when parsed, then every port is 0 (any free port) unless a flag names one', () => {
    expect(optionsOf(['--ports', 'auto'], { IMGPIPE_S3_PORT: '7001' }).ports).toEqual({
      s3: 0,
      sqs: 0,
      dynamodb: 0,
      api: 0,
    });
    expect(optionsOf(['--ports', 'auto', '--sqs-port', '4566']).ports).toEqual({
      s3: 0,
      sqs: 4566,
      dynamodb: 0,
      api: 0,
    });
  });

  it('given --services none or an empty list, when parsed, then no service runs', () => {
    expect(optionsOf(['--services', 'none']).services).toEqual([]);
    expect(optionsOf(['--services', '']).services).toEqual([]);
  });

  it('given IMGPIPE_DATA_DIR, when no --data-dir is given, then it is resolved against the working folder', () => {
    expect(optionsOf([], { IMGPIPE_DATA_DIR: 'data' }).dataDir).toBe('/work/somewhere/data');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--services', 'thumbnail'], /unknown service "thumbnail"/],
    [['--s3-port', '70000'], /--s3-port must be between 0 and 65535/],
    [['--batch-size', '11'], /--batch-size must be between 1 and 10/],
    [
      ['--revoke', 'resize-service:NoSuchGrant'],
      /--revoke: no grant resize-service:NoSuchGrant; grants are .*resize-service:WriteOwnOutputPrefix/,
    ],
    [['--visibility-timeout', 'soon'], /--visibility-timeout must be a whole number/],
    [['--function-timeout', '901'], /--function-timeout must be between 1 and 900/],
    [['--ports', '4000'], /--ports accepts only "auto"/],
    [['positional'], /Unexpected argument 'positional'/],
  ])('given %j, when parsed, then a usage error explains it', (argv, message) => {
    expect(() => parseCliArgs(argv, {}, paths)).toThrow(UsageError);
    expect(() => parseCliArgs(argv, {}, paths)).toThrow(message);
  });
});

describe('usage', () => {
  it('names every flag the parser accepts', () => {
    const text = usage();
    for (const flag of [
      '--data-dir',
      '--s3-port',
      '--sqs-port',
      '--dynamodb-port',
      '--ports auto',
      '--services',
      '--once',
      '--no-samples',
      '--max-receive-count',
      '--visibility-timeout',
      '--function-timeout',
      '--batch-size',
      '--verbose',
      '--help',
    ]) {
      expect(text).toContain(flag);
    }
  });
});
