// The names live in the registry, which infra's dashboard and alarms read as well.
export { METRICS_NAMESPACE, MetricName } from '@imgpipe/registry';
