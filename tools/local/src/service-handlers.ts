import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handlerEnvFromStack } from '@imgpipe/aws';
import type { StackDescription } from '@imgpipe/aws';
import { METRICS_NAMESPACE } from '@imgpipe/registry';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SERVICE_NAMES, UsageError } from './cli-options';
import type { ServiceName } from './cli-options';

/** A service's Lambda entry point, as `apps/<name>-service/src/handler.ts` exports it. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/**
 * Where a service's handler lives.
 *
 * @example
 * handlerFile('/repo', 'resize'); // '/repo/apps/resize-service/src/handler.ts'
 */
export function handlerFile(repoRoot: string, service: ServiceName): string {
  return join(repoRoot, 'apps', `${service}-service`, 'src', 'handler.ts');
}

/**
 * The services to run: those asked for (each must have a handler), or by default every
 * service that has one, since services are written one at a time.
 *
 * @throws UsageError naming a requested service that has no handler file.
 * @example
 * chooseServices(undefined, (service) => service === 'metadata'); // ['metadata']
 */
export function chooseServices(
  requested: readonly ServiceName[] | undefined,
  hasHandler: (service: ServiceName) => boolean,
): ServiceName[] {
  if (requested === undefined) return SERVICE_NAMES.filter(hasHandler);
  const missing = requested.filter((service) => !hasHandler(service));
  if (missing.length > 0) {
    throw new UsageError(
      `no handler for ${missing.map((service) => `${service} (apps/${service}-service/src/handler.ts)`).join(', ')}`,
    );
  }
  return [...requested];
}

/**
 * `chooseServices` against the repository's files.
 *
 * @example
 * const services = servicesInRepo(repoRoot, options.services);
 */
export function servicesInRepo(
  repoRoot: string,
  requested: readonly ServiceName[] | undefined,
): ServiceName[] {
  return chooseServices(requested, (service) => existsSync(handlerFile(repoRoot, service)));
}

/**
 * The environment a service's handler gets: the stack's endpoints and names (the same
 * variable names as on AWS) plus Powertools settings. Unless `verbose`, logs show errors
 * only (a rejection already has its own line) and metrics go to the stack's collector rather
 * than the console, so the console shows one line per image rather than JSON blobs.
 *
 * @example
 * const spec = { ...rest, env: serviceEnv(stack, 'resize', false) }; // the function process's
 */
export function serviceEnv(
  stack: StackDescription,
  service: ServiceName,
  verbose: boolean,
): Record<string, string> {
  return {
    ...handlerEnvFromStack(stack, service),
    ...powertoolsEnv(`${service}-service`, verbose),
  };
}

/**
 * The Powertools settings every function the stack runs gets, queue-fed or HTTP.
 *
 * @example
 * const env = { ...apiEnv, ...powertoolsEnv('upload-api', false) };
 */
export function powertoolsEnv(project: string, verbose: boolean): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: project,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: verbose ? 'INFO' : 'ERROR',
    // The stack collects the EMF documents from stdout for `imgpipe stats`.
    POWERTOOLS_METRICS_DISABLED: 'false',
    // There is no X-Ray daemon locally.
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}

/**
 * Imports an unchanged handler module and returns its `handler` export. The function's
 * environment must be in place first, since a service reads and validates its
 * configuration once, at import.
 *
 * @throws Error when the module does not export a `handler` function.
 * @example
 * const handler = await importHandler<SqsHandler>(handlerFile(repoRoot, 'metadata'));
 */
export async function importHandler<H>(file: string): Promise<H> {
  const loaded = (await import(pathToFileURL(file).href)) as {
    handler?: unknown;
    default?: { handler?: unknown };
  };
  const handler = loaded.handler ?? loaded.default?.handler;
  if (typeof handler !== 'function')
    throw new Error(`${file} does not export a function named handler`);
  return handler as H;
}
