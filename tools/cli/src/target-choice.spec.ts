import { join } from 'node:path';
import type { CommandSpec } from './args';
import { parseCommandArgs } from './args';
import { CliError, UsageError } from './cli-io';
import { ssmParameterName } from './ssm-parameters';
import { TARGET_OPTIONS, chooseTarget, findStackFile, resourceOverrides } from './target-choice';

const SPEC: CommandSpec = {
  name: 'status',
  summary: '',
  operands: '<key...>',
  minOperands: 0,
  description: '',
  groups: [TARGET_OPTIONS],
  examples: [],
};

const REPO = join('/', 'home', 'me', 'imgpipe');
const FOUND = join(REPO, '.imgpipe', 'stack.json');

function choose(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  files: string[] = [FOUND],
  cwd = join(REPO, 'apps', 'x'),
) {
  return chooseTarget(
    parseCommandArgs(SPEC, argv),
    env,
    cwd,
    (file) => files.includes(file),
    'status',
  );
}

describe('target choice', () => {
  it('finds the local stack upward from the working directory by default', () => {
    expect(choose([])).toEqual({ kind: 'local', stackFile: FOUND });
  });

  it('prefers $IMGPIPE_STACK_FILE to the search, and --stack to both, resolved from cwd', () => {
    const fromEnv = join(REPO, 'other.json');
    const env = { IMGPIPE_STACK_FILE: fromEnv };
    const files = [FOUND, fromEnv, join(REPO, 'apps', 'x', 'mine.json')];

    expect(choose([], env, files)).toEqual({ kind: 'local', stackFile: fromEnv });
    expect(choose(['--stack', 'mine.json'], env, files)).toEqual({
      kind: 'local',
      stackFile: join(REPO, 'apps', 'x', 'mine.json'),
    });
  });

  it('targets AWS on --aws, --profile or --region, even when a local stack is running', () => {
    const env = { IMGPIPE_STACK_FILE: FOUND };

    expect(choose(['--aws'], env)).toEqual({ kind: 'aws', stage: 'dev' });
    expect(choose(['--aws'], { ...env, IMGPIPE_STAGE: 'prod' })).toEqual({
      kind: 'aws',
      stage: 'prod',
    });
    expect(() => choose(['--aws', '--stage', 'Prod'], env)).toThrow(/IMGPIPE_STAGE must be/);
    expect(choose(['--profile', 'ops'], env)).toEqual({
      kind: 'aws',
      stage: 'dev',
      profile: 'ops',
    });
    expect(choose(['--region', 'eu-west-1', '--stage', 'dev'], env)).toEqual({
      kind: 'aws',
      stage: 'dev',
      region: 'eu-west-1',
    });
  });

  it('says the local stack is not running, and how to start it, when no description is found', () => {
    expect(() => choose([], {}, [])).toThrow(CliError);
    expect(() => choose([], {}, [])).toThrow('local stack not running: start it with `npm start`');
    expect(() => choose(['--stack', '/tmp/none.json'])).toThrow(
      '(no stack description at /tmp/none.json)',
    );
  });

  it('refuses contradictory options as usage errors', () => {
    expect(() => choose(['--stack', 'a.json', '--aws'])).toThrow(UsageError);
    expect(() => choose(['--stage', 'dev'])).toThrow(
      '--stage selects AWS resources: add --aws, --profile or --region',
    );
  });

  it('keeps explicit resource names as overrides', () => {
    const args = parseCommandArgs(SPEC, ['--source-bucket', 'b', '--table', 't']);

    expect(resourceOverrides(args)).toEqual({ sourceBucket: 'b', table: 't' });
    expect(resourceOverrides(parseCommandArgs(SPEC, []))).toEqual({});
  });

  it('searches up to the filesystem root and stops there', () => {
    expect(findStackFile(join(REPO, 'a', 'b', 'c'), (file) => file === FOUND)).toBe(FOUND);
    expect(findStackFile(join(REPO, 'a'), () => false)).toBeUndefined();
  });

  it('names SSM parameters under /imgpipe/<stage>/', () => {
    expect(ssmParameterName('prod', 'sourceBucket')).toBe('/imgpipe/prod/source-bucket-name');
    expect(ssmParameterName('dev', 'processedBucket')).toBe('/imgpipe/dev/processed-bucket-name');
    expect(ssmParameterName('dev', 'table')).toBe('/imgpipe/dev/image-table-name');
  });
});
