import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  MAX_RECEIVE_COUNT,
  SERVICE_NAMES,
  serviceNamed,
  VISIBILITY_TIMEOUT_FACTOR,
} from '@imgpipe/registry';
import { revocableGrants } from './iam/local-principals';
import type { ServiceName } from '@imgpipe/registry';

/** The services the local stack can run (the registry's), each in `apps/<name>-service`. */
export { SERVICE_NAMES };
export type { ServiceName };

const DEPLOYED_BATCH_SIZES = SERVICE_NAMES.map(
  (name) => `${name} ${serviceNamed(name).batchSize}`,
).join(', ');
const DEPLOYED_TIMEOUTS = SERVICE_NAMES.map(
  (name) => `${name} ${serviceNamed(name).timeoutSeconds}`,
).join(', ');

/** Everything `imgpipe-local` was asked to do, defaults applied. */
export interface LocalOptions {
  readonly dataDir: string;
  /** 0 means "any free port". */
  readonly ports: {
    readonly s3: number;
    readonly sqs: number;
    readonly dynamodb: number;
    readonly api: number;
  };
  readonly once: boolean;
  readonly samples: boolean;
  readonly verbose: boolean;
  /** Undefined: every service whose handler exists. */
  readonly services: readonly ServiceName[] | undefined;
  readonly maxReceiveCount: number;
  /** Undefined: each queue's as infra deploys it, its function's timeout × the registry's factor. */
  readonly visibilityTimeoutSeconds: number | undefined;
  /** Undefined: each function's timeout as infra deploys it (the registry's). */
  readonly functionTimeoutSeconds: number | undefined;
  /** Undefined: each service's batch size as infra deploys it (the registry's). */
  readonly batchSize: number | undefined;
  /** Grants left out of the local IAM policies, as `<principal>:<sid>`. */
  readonly revoke: ReadonlySet<string>;
}

/** What the command line asks for: run the stack, or print the usage. */
export type CliRequest =
  { readonly kind: 'run'; readonly options: LocalOptions } | { readonly kind: 'help' };

/** Bad input on the command line; its message is shown to the user as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Default ports, and the flag and environment variable that change each. */
export const PORT_SETTINGS = {
  s3: { flag: '--s3-port', env: 'IMGPIPE_S3_PORT', default: 4568, label: 'S3 (s3rver)' },
  sqs: { flag: '--sqs-port', env: 'IMGPIPE_SQS_PORT', default: 4566, label: 'SNS + SQS (fauxqs)' },
  dynamodb: {
    flag: '--dynamodb-port',
    env: 'IMGPIPE_DYNAMODB_PORT',
    default: 4567,
    label: 'DynamoDB (dynalite)',
  },
  api: { flag: '--api-port', env: 'IMGPIPE_API_PORT', default: 4569, label: 'the upload API' },
} as const;
export type PortName = keyof typeof PORT_SETTINGS;

/**
 * The `--help` text.
 *
 * @example
 * console.log(usage());
 */
export function usage(): string {
  return `imgpipe local stack: S3, SNS, SQS and DynamoDB on 127.0.0.1, and the services on them.

Usage: npm start -- [options]

  --data-dir <dir>            where objects, the table and stack.json live
                              (default: <repo>/.imgpipe, env IMGPIPE_DATA_DIR)
  --s3-port <port>            S3 port (default ${PORT_SETTINGS.s3.default}, env ${PORT_SETTINGS.s3.env})
  --sqs-port <port>           SNS + SQS port (default ${PORT_SETTINGS.sqs.default}, env ${PORT_SETTINGS.sqs.env})
  --dynamodb-port <port>      DynamoDB port (default ${PORT_SETTINGS.dynamodb.default}, env ${PORT_SETTINGS.dynamodb.env})
  --api-port <port>           upload API and page port (default ${PORT_SETTINGS.api.default}, env ${PORT_SETTINGS.api.env})
  --ports auto                any free ports (what tests use); 0 does the same for one port
  --services <list>           comma-separated: resize,watermark,metadata, or "none"
                              (default: every service whose apps/<name>-service/src/handler.ts exists)
  --once                      reconcile, process until every queue is empty, print a summary, exit
                              (a message waiting for its retry counts: see --visibility-timeout)
  --no-samples                do not upload tools/samples/images on the first run
  --max-receive-count <n>     deliveries before a message moves to its DLQ (default 5)
  --visibility-timeout <s>    seconds a received message stays hidden, so a failed one waits
                              that long for its retry, for every queue (default: each queue's
                              as infra deploys it, ${VISIBILITY_TIMEOUT_FACTOR} × its function's timeout). As on AWS, a
                              queue hiding a message for less than its function's timeout
                              is refused
  --function-timeout <s>      seconds an invocation may run before it is ended, for every
                              queue-fed function, e.g. lower for quick retries in tests
                              (default: each one's as infra deploys it: ${DEPLOYED_TIMEOUTS})
  --batch-size <n>            messages per handler invocation, 1-10, for every service
                              (default: each service's own, as infra deploys it: ${DEPLOYED_BATCH_SIZES})
  --revoke <list>             comma-separated <principal>:<sid> grants to leave out of the local
                              IAM policies, to see what fails without one
                              (e.g. resize-service:WriteOwnOutputPrefix)
  --verbose                   show the services' INFO logs and metrics
  -h, --help                  show this help

Examples:
  npm start
  npm start -- --once --services metadata
  aws s3 cp photo.jpg s3://imgpipe-source/ --endpoint-url http://127.0.0.1:${PORT_SETTINGS.s3.default}`;
}

function revocations(list: string | undefined): ReadonlySet<string> {
  const wanted = (list ?? '')
    .split(',')
    .map((grant) => grant.trim())
    .filter(Boolean);
  const known = revocableGrants();
  const unknown = wanted.filter((grant) => !known.includes(grant));
  if (unknown.length > 0) {
    throw new UsageError(
      `--revoke: no grant ${unknown.join(', ')}; grants are ${known.join(', ')}`,
    );
  }
  return new Set(wanted);
}

function integer(value: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`${what} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max)
    throw new UsageError(`${what} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function port(
  name: PortName,
  flagValue: string | undefined,
  env: NodeJS.ProcessEnv,
  auto: boolean,
): number {
  const setting = PORT_SETTINGS[name];
  if (flagValue !== undefined) return integer(flagValue, setting.flag, 0, 65535);
  if (auto) return 0;
  const fromEnv = env[setting.env];
  if (fromEnv !== undefined && fromEnv !== '') return integer(fromEnv, setting.env, 0, 65535);
  return setting.default;
}

function services(value: string | undefined): readonly ServiceName[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim().replace(/-service$/, ''))
    .filter((name) => name !== '' && name !== 'none');
  const unknown = names.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown service "${unknown.join('", "')}": choose from ${SERVICE_NAMES.join(', ')}`,
    );
  }
  return [...new Set(names as ServiceName[])];
}

/**
 * Parses `imgpipe-local`'s arguments and environment into options.
 *
 * @throws UsageError for unknown flags or values out of range.
 * @example
 * parseCliArgs(['--ports', 'auto', '--services', 'metadata'], process.env, { repoRoot, cwd: process.cwd() });
 * // { kind: 'run', options: { ports: { s3: 0, sqs: 0, dynamodb: 0 }, services: ['metadata'], ... } }
 */
export function parseCliArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  paths: { readonly repoRoot: string; readonly cwd: string },
): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        'data-dir': { type: 'string' },
        's3-port': { type: 'string' },
        'sqs-port': { type: 'string' },
        'dynamodb-port': { type: 'string' },
        'api-port': { type: 'string' },
        ports: { type: 'string' },
        services: { type: 'string' },
        once: { type: 'boolean' },
        'no-samples': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        'max-receive-count': { type: 'string' },
        'visibility-timeout': { type: 'string' },
        'function-timeout': { type: 'string' },
        'batch-size': { type: 'string' },
        revoke: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  if (values.help) return { kind: 'help' };
  if (values.ports !== undefined && values.ports !== 'auto') {
    throw new UsageError(`--ports accepts only "auto", got "${values.ports}"`);
  }
  const auto = values.ports === 'auto';
  const dataDir = values['data-dir'] ?? env['IMGPIPE_DATA_DIR'];
  return {
    kind: 'run',
    options: {
      dataDir:
        dataDir === undefined ? resolve(paths.repoRoot, '.imgpipe') : resolve(paths.cwd, dataDir),
      ports: {
        s3: port('s3', values['s3-port'], env, auto),
        sqs: port('sqs', values['sqs-port'], env, auto),
        dynamodb: port('dynamodb', values['dynamodb-port'], env, auto),
        api: port('api', values['api-port'], env, auto),
      },
      once: values.once ?? false,
      samples: !(values['no-samples'] ?? false),
      verbose: values.verbose ?? false,
      services: services(values.services),
      maxReceiveCount: integer(
        values['max-receive-count'] ?? String(MAX_RECEIVE_COUNT),
        '--max-receive-count',
        1,
        1000,
      ),
      // SQS's and Lambda's own ranges.
      visibilityTimeoutSeconds:
        values['visibility-timeout'] === undefined
          ? undefined
          : integer(values['visibility-timeout'], '--visibility-timeout', 0, 43200),
      functionTimeoutSeconds:
        values['function-timeout'] === undefined
          ? undefined
          : integer(values['function-timeout'], '--function-timeout', 1, 900),
      batchSize:
        values['batch-size'] === undefined
          ? undefined
          : integer(values['batch-size'], '--batch-size', 1, 10),
      revoke: revocations(values.revoke),
    },
  };
}
