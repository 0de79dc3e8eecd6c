export { METRICS_NAMESPACE, MetricName } from './metric-names';
export { createObservability } from './observability';
export type { Observability } from './observability';
export { traceWith, traced, untraced } from './traced';
export type { Trace } from './traced';
