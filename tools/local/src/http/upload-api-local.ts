import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { awsConfigFromStack } from '@imgpipe/aws';
import type { StackDescription } from '@imgpipe/aws';
import { httpServiceNamed, UPLOAD_API_ENV } from '@imgpipe/registry';
import { close, HOST, listen } from '../emulators';
import { FunctionPool } from '../functions/function-pool';
import type { MetricsCollector } from '../metrics/metrics-collector';
import { powertoolsEnv } from '../service-handlers';
import { createHttpApiServer } from './http-api-server';
import type { HttpHandler } from './http-api-server';
import { StageThrottle } from './stage-throttle';

/**
 * Most upload-api environments at once. Lambda would start as many as there are concurrent
 * requests; past this many, requests wait for a free one, to spare a small machine.
 */
const MAX_ENVIRONMENTS = 4;

/** The upload API as the local stack serves it. */
export interface LocalUploadApi {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/**
 * The environment upload-api's handler gets locally: the names it reads on AWS, its own
 * key pair (so its calls, and the URLs it presigns, are held to its registry grants), and
 * its own origin allowed by CORS, for the upload page.
 *
 * @example
 * const env = uploadApiEnv(stack, 'http://127.0.0.1:4569', false);
 */
export function uploadApiEnv(
  stack: StackDescription,
  url: string,
  verbose: boolean,
): Record<string, string> {
  const service = httpServiceNamed('upload-api');
  const key = awsConfigFromStack(stack, service.name).credentials;
  return {
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: key?.accessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: key?.secretAccessKey ?? '',
    AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    [UPLOAD_API_ENV.sourceBucket]: stack.buckets.source,
    [UPLOAD_API_ENV.processedBucket]: stack.buckets.processed,
    [UPLOAD_API_ENV.table]: stack.table,
    [UPLOAD_API_ENV.corsOrigins]: url,
    ...service.environment,
    ...powertoolsEnv(service.project, verbose),
  };
}

/**
 * Serves upload-api's unchanged handler on 127.0.0.1 (`port` 0: any free port), run in
 * processes of its own with its environment (it reads its configuration at import), one per
 * request in flight.
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const api = await startUploadApi(stack, { port: 4569, verbose: false, repoRoot, metrics }, terminal.err);
 */
export async function startUploadApi(
  stack: StackDescription,
  options: {
    readonly port: number;
    readonly verbose: boolean;
    readonly repoRoot: string;
    readonly otherwise?: (req: IncomingMessage, res: ServerResponse) => boolean;
    /** The stack's collector, for the function's metrics and memory. */
    readonly metrics: Pick<MetricsCollector, 'take' | 'noteMemory'>;
  },
  log: (line: string) => void,
): Promise<LocalUploadApi> {
  const service = httpServiceNamed('upload-api');
  // Requests before the function is up get a 503.
  const loaded: { handler?: HttpHandler } = {};
  const server = createHttpApiServer({
    routes: service.routes,
    throttle: new StageThrottle(service.throttle),
    handler: () => loaded.handler,
    ...(options.otherwise ? { otherwise: options.otherwise } : {}),
    onError: log,
  });
  const port = await listen(server, 'api', options.port, log);
  const url = `http://${HOST}:${port}`;
  let fn: FunctionPool;
  try {
    // In processes of its own, one per concurrent request, as on Lambda: its key pair and
    // settings stay out of the stack's, and a request that times out ends no other.
    fn = await FunctionPool.start(
      {
        name: service.project,
        file: join(options.repoRoot, 'apps', service.project, 'src', 'handler.ts'),
        env: uploadApiEnv(stack, url, options.verbose),
        memoryMb: service.memorySize,
        verbose: options.verbose,
      },
      {
        onMetric: options.metrics.take,
        onMemory: (memory) => options.metrics.noteMemory(service.project, memory),
        warn: log,
      },
      MAX_ENVIRONMENTS,
    );
  } catch (error) {
    await close(server);
    throw error;
  }
  const identity = {
    functionName: `imgpipe-${service.name}`,
    region: stack.region,
    timeoutMs: service.timeoutSeconds * 1000,
  };
  loaded.handler = async (event) =>
    (await fn.invoke(event, identity)) as Awaited<ReturnType<HttpHandler>>;
  return {
    url,
    stop: async () => {
      await close(server);
      await fn.stop();
    },
  };
}
