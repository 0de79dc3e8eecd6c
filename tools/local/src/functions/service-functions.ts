import type { StackDescription } from '@imgpipe/aws';
import { serviceNamed } from '@imgpipe/registry';
import type { SQSBatchResponse } from 'aws-lambda';
import type { ServiceName } from '../cli-options';
import type { MetricsCollector } from '../metrics/metrics-collector';
import { handlerFile, serviceEnv } from '../service-handlers';
import type { SqsHandler } from '../service-handlers';
import { FunctionProcess } from './function-process';

/** The queue-fed functions that started, and why the others did not. */
export interface ServiceFunctions {
  readonly started: ReadonlyMap<ServiceName, FunctionProcess>;
  readonly failed: ReadonlyMap<ServiceName, string>;
}

/**
 * Starts each service's function in its own process, all at once (each is a cold start of
 * its own), with the environment and memory setting the service has on AWS; its metrics and
 * memory go to `metrics`.
 *
 * @example
 * const { started, failed } = await startServiceFunctions(services, { stack, repoRoot, verbose, metrics, warn });
 */
export async function startServiceFunctions(
  services: readonly ServiceName[],
  options: {
    readonly stack: StackDescription;
    readonly repoRoot: string;
    readonly verbose: boolean;
    readonly metrics: MetricsCollector;
    readonly warn: (line: string) => void;
  },
): Promise<ServiceFunctions> {
  const { stack, repoRoot, verbose, metrics, warn } = options;
  const results = await Promise.allSettled(
    services.map((service) => {
      const { project, memorySize } = serviceNamed(service);
      return FunctionProcess.start(
        {
          name: project,
          file: handlerFile(repoRoot, service),
          env: serviceEnv(stack, service, verbose),
          memoryMb: memorySize,
          verbose,
        },
        {
          onMetric: metrics.take,
          onMemory: (memory) => metrics.noteMemory(project, memory),
          warn,
        },
      );
    }),
  );
  const started = new Map<ServiceName, FunctionProcess>();
  const failed = new Map<ServiceName, string>();
  results.forEach((result, i) => {
    const service = services[i] as ServiceName;
    if (result.status === 'fulfilled') started.set(service, result.value);
    else failed.set(service, String(result.reason));
  });
  return { started, failed };
}

/**
 * A queue-fed function as the runner calls it: the batch goes to the function's process, with
 * the time left of the runner's context.
 *
 * @example
 * const runner = new ServiceRunner({ ...deps, handler: sqsInvoker(fn, 'us-east-1') });
 */
export function sqsInvoker(fn: FunctionProcess, region: string): SqsHandler {
  return async (event, context) =>
    (await fn.invoke(event, {
      functionName: context.functionName,
      region,
      timeoutMs: context.getRemainingTimeInMillis(),
    })) as SQSBatchResponse | void;
}
