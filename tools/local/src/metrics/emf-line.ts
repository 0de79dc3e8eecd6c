/** The metric values of one EMF document, attributed to the service that wrote it. */
export interface EmfSample {
  /** The `service` dimension: the Nx project name, e.g. `resize-service`. */
  readonly service: string;
  /** Each metric the document declares, with all its values (EMF allows an array). */
  readonly values: Readonly<Record<string, readonly number[]>>;
}

interface EmfDirective {
  readonly Namespace?: unknown;
  readonly Metrics?: readonly { readonly Name?: unknown }[];
}

function numbers(value: unknown): number[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Reads one stdout line as CloudWatch embedded metric format, keeping only the metrics
 * declared under `namespace` (Powertools' cold-start document, in the same namespace but
 * keyed by function name, is kept too: its `service` key names the service).
 *
 * @returns undefined for any line that is not an EMF document in that namespace.
 * @example
 * parseEmfLine('{"_aws":{"CloudWatchMetrics":[{"Namespace":"imgpipe","Metrics":[{"Name":"ImagesProcessed"}]}]},"service":"resize-service","ImagesProcessed":1}', 'imgpipe');
 * // { service: 'resize-service', values: { ImagesProcessed: [1] } }
 */
export function parseEmfLine(line: string, namespace: string): EmfSample | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const aws = document['_aws'] as { CloudWatchMetrics?: readonly EmfDirective[] } | undefined;
  const service = document['service'];
  if (typeof service !== 'string' || !Array.isArray(aws?.CloudWatchMetrics)) return undefined;
  const values: Record<string, number[]> = {};
  for (const directive of aws.CloudWatchMetrics) {
    if (directive.Namespace !== namespace) continue;
    for (const metric of directive.Metrics ?? []) {
      if (typeof metric.Name !== 'string') continue;
      values[metric.Name] = [...(values[metric.Name] ?? []), ...numbers(document[metric.Name])];
    }
  }
  return Object.keys(values).length === 0 ? undefined : { service, values };
}
