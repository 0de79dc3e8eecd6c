import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { ContextLogger } from './log-context';
import { METRICS_NAMESPACE } from './metric-names';
import type { Trace } from './traced';
import { traceWith, untraced } from './traced';
import { tracingEnabledIn } from './tracing-switch';

/** The Powertools utilities of one service, created once at module scope. */
export interface Observability {
  readonly serviceName: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Runs work as a named X-Ray subsegment; just runs it when tracing is off. */
  readonly trace: Trace;
  /** Traces an SDK client's calls; returns the client unchanged when tracing is off. */
  readonly captureClient: <C>(client: C) => C;
}

/**
 * Creates a service's logger, metrics and tracing with the names every service shares:
 * JSON logs carrying `service` and the keys of the current `withLogContext` (so lines of
 * records handled concurrently never mix), EMF metrics in the `imgpipe` namespace with a
 * `service` dimension, X-Ray traces under the service name. Environment variables
 * (`POWERTOOLS_LOG_LEVEL`, `POWERTOOLS_METRICS_DISABLED`, …) still apply. Powertools'
 * tracer (and the X-Ray SDK) is loaded only where it would trace (see `tracingEnabledIn`);
 * elsewhere `trace` and `captureClient` pass through, as the disabled tracer's do.
 *
 * @example
 * export const observability = createObservability('metadata-service');
 * observability.logger.info('ready');
 */
export function createObservability(
  serviceName: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Observability {
  const tracer = tracingEnabledIn(env) ? loadTracer(serviceName) : undefined;
  return {
    serviceName,
    logger: new ContextLogger({ serviceName }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName }),
    trace: tracer ? traceWith(tracer) : untraced,
    captureClient: tracer ? (client) => tracer.captureAWSv3Client(client) : (client) => client,
  };
}

function loadTracer(serviceName: string): Tracer {
  // A require at the point of use, not an import: the bundle then evaluates the tracer and
  // the X-Ray SDK only on a function that traces.
  const tracing = require('@aws-lambda-powertools/tracer') as { Tracer: typeof Tracer };
  return new tracing.Tracer({ serviceName });
}
