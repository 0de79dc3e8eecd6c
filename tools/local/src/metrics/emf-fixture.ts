/**
 * For tests: one EMF document as a service's Powertools writes it to stdout, declaring each
 * of `values` as a metric of `service`.
 *
 * @example
 * const line = emfLine('resize-service', { ImagesProcessed: 1 });
 */
export function emfLine(
  service: string,
  values: Readonly<Record<string, number>>,
  namespace = 'imgpipe',
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: 0,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['service']],
          Metrics: Object.keys(values).map((Name) => ({ Name })),
        },
      ],
    },
    service,
    ...values,
  });
}
