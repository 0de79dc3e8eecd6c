import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { AwsClientConfig, StackDescription } from '@imgpipe/aws';
import { awsConfigFromEnv, awsConfigFromStack, readStackDescription } from '@imgpipe/aws';
import { describeAwsError } from './aws-errors';
import { CliError } from './cli-io';
import type { ResourceName } from './ssm-parameters';
import {
  QUEUE_SERVICES,
  RESOURCE_NAMES,
  SSM_PARAMETERS,
  queueResources,
  ssmParameterName,
} from './ssm-parameters';
import type { ResourceOverrides, TargetChoice } from './target-choice';
import { LOCAL_STACK_NOT_RUNNING } from './target-choice';

/** A deployment ready to talk to: client configuration and resource names. */
export interface Target {
  /** Said to the user, e.g. `local stack (/repo/.imgpipe/stack.json)`. */
  readonly label: string;
  readonly local: boolean;
  /** On AWS, the stage whose SSM parameters named the resources. */
  readonly stage?: string;
  readonly config: AwsClientConfig;
  readonly resources: Readonly<Partial<Record<ResourceName, string>>>;
}

/**
 * Turns a {@link TargetChoice} into a {@link Target}: reads the local stack description,
 * or on AWS resolves the region and reads the resource names from SSM (only those not
 * given as overrides).
 *
 * @throws CliError when the local stack is stale or AWS gives no region.
 * @example
 * const target = await resolveTarget(chooseTarget(args, env, cwd, existsSync, 'status'), {}, env);
 * const table = requireResource(target, 'table');
 */
export async function resolveTarget(
  choice: TargetChoice,
  overrides: ResourceOverrides,
  env: NodeJS.ProcessEnv,
): Promise<Target> {
  if (choice.kind === 'local') {
    const stack = readStack(choice.stackFile);
    if (!isProcessAlive(stack.pid)) {
      throw new CliError(
        `${LOCAL_STACK_NOT_RUNNING} (${choice.stackFile} is left from process ${stack.pid}, which has exited)`,
      );
    }
    return {
      label: `local stack (${choice.stackFile})`,
      local: true,
      config: awsConfigFromStack(stack, 'operator'),
      resources: {
        sourceBucket: stack.buckets.source,
        processedBucket: stack.buckets.processed,
        table: stack.table,
        uploadTopic: stack.topicArn,
        ...(stack.uploadApi !== undefined ? { uploadApi: stack.uploadApi } : {}),
        ...localQueues(stack),
        ...overrides,
      },
    };
  }
  // The SDK's default chain reads the profile from here, for credentials and region alike.
  if (choice.profile !== undefined) env['AWS_PROFILE'] = choice.profile;
  const region = choice.region ?? (await defaultRegion());
  const config: AwsClientConfig = { ...awsConfigFromEnv(env), region };
  const wanted = RESOURCE_NAMES.filter((name) => !(name in overrides));
  const found = wanted.length > 0 ? await readParameters(region, choice.stage, wanted) : {};
  const profile = choice.profile !== undefined ? `, profile ${choice.profile}` : '';
  return {
    label: `AWS ${region} (stage ${choice.stage}${profile})`,
    local: false,
    stage: choice.stage,
    config,
    resources: { ...found, ...overrides },
  };
}

/**
 * A resource name the command cannot work without.
 *
 * @throws CliError saying which SSM parameter or option would supply it.
 * @example
 * const bucket = requireResource(target, 'sourceBucket');
 */
export function requireResource(target: Target, name: ResourceName): string {
  const value = target.resources[name];
  if (value !== undefined) return value;
  const flag =
    name === 'sourceBucket' ? '--source-bucket' : name === 'table' ? '--table' : undefined;
  throw new CliError(
    `${target.label} names no ${SSM_PARAMETERS[name]} (SSM parameter missing)${flag ? `: pass ${flag} <name>` : ''}`,
  );
}

async function defaultRegion(): Promise<string> {
  try {
    // A client built without a region resolves it the SDK's way: env, then profile config.
    return await new SSMClient({}).config.region();
  } catch {
    throw new CliError(
      'no AWS region configured: pass --region <region>, or set AWS_REGION or a region in the profile',
    );
  }
}

async function readParameters(
  region: string,
  stage: string,
  wanted: readonly ResourceName[],
): Promise<Partial<Record<ResourceName, string>>> {
  const ssm = new SSMClient({ region });
  const names = new Map(wanted.map((name) => [ssmParameterName(stage, name), name]));
  const found: Partial<Record<ResourceName, string>> = {};
  const all = [...names.keys()];
  // GetParameters takes at most ten names per call.
  for (let start = 0; start < all.length; start += 10) {
    let out;
    try {
      out = await ssm.send(new GetParametersCommand({ Names: all.slice(start, start + 10) }));
    } catch (error) {
      throw new CliError(
        `reading SSM parameters under /imgpipe/${stage}/ failed: ${describeAwsError(error, { local: false })}`,
      );
    }
    for (const parameter of out.Parameters ?? []) {
      const name = parameter.Name === undefined ? undefined : names.get(parameter.Name);
      if (name !== undefined && parameter.Value !== undefined) found[name] = parameter.Value;
    }
  }
  return found;
}

function localQueues(stack: StackDescription): Partial<Record<ResourceName, string>> {
  const found: Partial<Record<ResourceName, string>> = {};
  for (const service of QUEUE_SERVICES) {
    const pair = stack.queues[service];
    found[queueResources(service).queue] = pair.url;
    found[queueResources(service).dlq] = pair.dlqUrl;
  }
  return found;
}

function readStack(file: string): StackDescription {
  try {
    return readStackDescription(file);
  } catch (error) {
    // Gone since the check (the stack stopped), unreadable, or half-written as it starts.
    const why = error instanceof SyntaxError ? `${file} is not valid JSON` : `cannot read ${file}`;
    throw new CliError(`${LOCAL_STACK_NOT_RUNNING} (${why})`);
  }
}

function isProcessAlive(pid: unknown): boolean {
  // Only a real pid can be checked: `kill(0)` would address our own process group.
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
