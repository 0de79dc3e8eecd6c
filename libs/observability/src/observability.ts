import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ContextLogger } from './log-context';
import { METRICS_NAMESPACE } from './metric-names';

/** The three Powertools utilities of one service, created once at module scope. */
export interface Observability {
  readonly serviceName: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/**
 * Creates a service's logger, metrics and tracer with the names every service shares:
 * JSON logs carrying `service` and the keys of the current `withLogContext` (so lines of
 * records handled concurrently never mix), EMF metrics in the `imgpipe` namespace with a
 * `service` dimension, X-Ray traces under the service name. Environment variables
 * (`POWERTOOLS_LOG_LEVEL`, `POWERTOOLS_METRICS_DISABLED`, …) still apply.
 *
 * @example
 * export const observability = createObservability('metadata-service');
 * observability.logger.info('ready');
 */
export function createObservability(serviceName: string): Observability {
  return {
    serviceName,
    logger: new ContextLogger({ serviceName }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName }),
    tracer: new Tracer({ serviceName }),
  };
}
