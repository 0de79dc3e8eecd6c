/** The CloudWatch namespace of every imgpipe metric. */
export const METRICS_NAMESPACE = 'imgpipe';

/** Metric names shared by the services, the dashboard and the alarms (DESIGN.md §6). */
export const MetricName = {
  ImagesProcessed: 'ImagesProcessed',
  ImagesRejected: 'ImagesRejected',
  ImagesRetried: 'ImagesRetried',
  /** Source objects removed: the stage marked `deleted` and its outputs deleted. */
  ImagesDeleted: 'ImagesDeleted',
  ProcessingTime: 'ProcessingTime',
  BytesIn: 'BytesIn',
  BytesOut: 'BytesOut',
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];
