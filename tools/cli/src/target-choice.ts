import { dirname, join, resolve } from 'node:path';
import type { OptionGroup, ParsedArgs } from './args';
import { flagOption, stringOption } from './args';
import { CliError, UsageError } from './cli-io';
import { STAGE_ENV, stageName } from '@imgpipe/registry';
import { DEFAULT_STAGE, SSM_PARAMETERS } from './ssm-parameters';

/** Where the stack description lives relative to the folder that holds it. */
export const STACK_FILE = join('.imgpipe', 'stack.json');

/** The environment variable naming a stack description file. */
export const STACK_FILE_ENV = 'IMGPIPE_STACK_FILE';

/** What a user is told whenever the local stack cannot be found. */
export const LOCAL_STACK_NOT_RUNNING = 'local stack not running: start it with `npm start`';

/** Which deployment a command talks to, before anything is read or fetched. */
export type TargetChoice =
  | { readonly kind: 'local'; readonly stackFile: string }
  | {
      readonly kind: 'aws';
      readonly stage: string;
      readonly profile?: string;
      readonly region?: string;
    };

/** Resource names given on the command line, which win over the target's own. */
export type ResourceOverrides = Readonly<Partial<Record<'sourceBucket' | 'table', string>>>;

/**
 * The options that choose a deployment, for commands that need no resource override
 * (`dlq` reads only queue URLs).
 */
export const DEPLOYMENT_OPTIONS: OptionGroup = {
  title: 'Target (default: the local stack started by `npm start`)',
  options: {
    stack: {
      type: 'string',
      value: '<file>',
      description: `Local stack description (default: $${STACK_FILE_ENV}, else the nearest ${STACK_FILE})`,
    },
    aws: { type: 'boolean', description: 'Target AWS with the default credentials and region' },
    profile: { type: 'string', value: '<name>', description: 'Target AWS with this profile' },
    region: { type: 'string', value: '<region>', description: 'Target AWS in this region' },
    stage: {
      type: 'string',
      value: '<stage>',
      description: `Stage of the SSM parameters /imgpipe/<stage>/… (default: $${STAGE_ENV}, else ${DEFAULT_STAGE}, as infra deploys)`,
    },
  },
};

/** The options every command that talks to a deployment's bucket or table shares. */
export const TARGET_OPTIONS: OptionGroup = {
  title: DEPLOYMENT_OPTIONS.title,
  options: {
    ...DEPLOYMENT_OPTIONS.options,
    'source-bucket': {
      type: 'string',
      value: '<name>',
      description: `Source bucket, instead of the target's (SSM: ${SSM_PARAMETERS.sourceBucket})`,
    },
    table: {
      type: 'string',
      value: '<name>',
      description: `Image table, instead of the target's (SSM: ${SSM_PARAMETERS.table})`,
    },
  },
};

/**
 * Chooses the deployment from the target options. AWS when `--aws`, `--profile` or
 * `--region` is given; otherwise the local stack, whose description is `--stack`, else
 * `$IMGPIPE_STACK_FILE`, else the nearest `.imgpipe/stack.json` from `cwd` upward.
 *
 * @throws UsageError for contradictory options; CliError when no local stack is found.
 * @example
 * chooseTarget(args, process.env, process.cwd(), existsSync, 'status');
 * // { kind: 'local', stackFile: '/repo/.imgpipe/stack.json' }
 */
export function chooseTarget(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  cwd: string,
  exists: (file: string) => boolean,
  command: string,
): TargetChoice {
  const stack = stringOption(args, 'stack');
  const profile = stringOption(args, 'profile');
  const region = stringOption(args, 'region');
  const stage = stringOption(args, 'stage');
  if (flagOption(args, 'aws') || profile !== undefined || region !== undefined) {
    if (stack !== undefined) {
      throw new UsageError(
        '--stack names a local stack: it cannot be combined with --aws, --profile or --region',
        command,
      );
    }
    return {
      kind: 'aws',
      stage: awsStage(stage ?? env[STAGE_ENV], command),
      ...(profile !== undefined ? { profile } : {}),
      ...(region !== undefined ? { region } : {}),
    };
  }
  if (stage !== undefined) {
    throw new UsageError(
      '--stage selects AWS resources: add --aws, --profile or --region',
      command,
    );
  }
  const named = stack ?? env[STACK_FILE_ENV];
  if (named !== undefined && named !== '') {
    const stackFile = resolve(cwd, named);
    if (!exists(stackFile))
      throw new CliError(`${LOCAL_STACK_NOT_RUNNING} (no stack description at ${stackFile})`);
    return { kind: 'local', stackFile };
  }
  const found = findStackFile(cwd, exists);
  if (found === undefined)
    throw new CliError(`${LOCAL_STACK_NOT_RUNNING} (no ${STACK_FILE} in ${cwd} or above)`);
  return { kind: 'local', stackFile: found };
}

/**
 * The nearest `.imgpipe/stack.json` in `startDir` or one of its parents.
 *
 * @example
 * findStackFile('/repo/apps/resize-service', existsSync); // '/repo/.imgpipe/stack.json'
 */
export function findStackFile(
  startDir: string,
  exists: (file: string) => boolean,
): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, STACK_FILE);
    if (exists(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The resource names given explicitly on the command line.
 *
 * @example
 * resourceOverrides(args); // { table: 'imgpipe-images-dev' }
 */
export function resourceOverrides(args: ParsedArgs): ResourceOverrides {
  const sourceBucket = stringOption(args, 'source-bucket');
  const table = stringOption(args, 'table');
  return {
    ...(sourceBucket !== undefined ? { sourceBucket } : {}),
    ...(table !== undefined ? { table } : {}),
  };
}

/** The stage as infra reads it (the registry's rule and default), refused as a usage error. */
function awsStage(raw: string | undefined, command: string): string {
  try {
    return stageName(raw);
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}
