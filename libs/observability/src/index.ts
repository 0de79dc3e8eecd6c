export { METRICS_NAMESPACE, MetricName } from './metric-names';
export { ContextLogger, currentLogContext, withLogContext } from './log-context';
export type { LogContext } from './log-context';
export { createObservability } from './observability';
export type { Observability } from './observability';
export { traceWith, traced, untraced } from './traced';
export type { Trace } from './traced';
export { tracingEnabledIn } from './tracing-switch';
