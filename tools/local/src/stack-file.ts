import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { StackDescription } from '@imgpipe/aws';
import type { ServiceName } from './cli-options';
import type { FaultControlAddress } from './faults/fault-control-server';
import { LOCAL_OWNER } from './http/dev-identity';

/** stack.json: the stack's description plus what only the local stack has. */
export type StackFile = StackDescription & { readonly faults: FaultControlAddress };

/**
 * The pid of a stack that is still running with this stack file, if any: a stack file left
 * by a killed stack names a pid that no longer exists.
 *
 * @example
 * const pid = runningStackPid('.imgpipe/stack.json');
 * if (pid !== undefined) throw new Error(`already running as ${pid}`);
 */
export function runningStackPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const { pid } = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackDescription>;
    if (typeof pid !== 'number' || pid === process.pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Writes the stack description atomically, so a reader never sees half a file.
 *
 * @example
 * writeStackFile('.imgpipe/stack.json', stack);
 */
export function writeStackFile(file: string, stack: StackFile): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(stack, null, 2)}\n`);
  renameSync(temp, file);
}

/**
 * Removes the stack description: the stack is no longer reachable.
 *
 * @example
 * removeStackFile('.imgpipe/stack.json');
 */
export function removeStackFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * What the stack prints once it is up: where everything is and how to use it.
 *
 * @example
 * console.log(formatBanner(stack, ['metadata'], '.imgpipe/stack.json'));
 */
export function formatBanner(
  stack: StackDescription,
  services: readonly ServiceName[],
  stackFile: string,
): string {
  const { endpoints, credentials, buckets } = stack;
  return [
    'imgpipe local stack is up',
    `  S3        ${endpoints.s3}   buckets: ${buckets.source} (uploads), ${buckets.processed} (outputs)`,
    `  SNS, SQS  ${endpoints.sqs}   topic: ${stack.topicArn.split(':').pop() ?? stack.topicArn}`,
    `  DynamoDB  ${endpoints.dynamodb}   table: ${stack.table}`,
    ...(stack.uploadApi === undefined
      ? []
      : [
          `  API       ${stack.uploadApi}   POST /uploads, GET /images[/{id}] as "${LOCAL_OWNER}", or Authorization: Bearer <unsigned JWT> as its sub`,
          `  page      ${stack.uploadApi}/   drag and drop images to upload them`,
        ]),
    `  region ${stack.region}, access key ${credentials.accessKeyId}, secret ${credentials.secretAccessKey}`,
    `  services: ${services.length > 0 ? services.join(', ') : 'none'}`,
    `  data: ${stack.dataDir}   (description for scripts: ${stackFile})`,
    '',
    'Upload an image:',
    `  AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey} \\`,
    `    aws s3 cp photo.jpg s3://${buckets.source}/photo.jpg --endpoint-url ${endpoints.s3} --region ${stack.region}`,
    '',
    'Ctrl-C stops the stack; uploads and records stay in the data folder.',
  ].join('\n');
}
