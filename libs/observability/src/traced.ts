import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Runs `work` inside an X-Ray subsegment named `name` (download, decode, upload, …),
 * recording an error on it when `work` throws. Without an active segment (tracing off,
 * or outside Lambda) it just runs `work`. Never pass image bytes as annotations.
 *
 * @example
 * const bytes = await traced(tracer, 'download', () => store.get(bucket, key));
 */
export async function traced<T>(tracer: Tracer, name: string, work: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return work();
  const subsegment = parent.addNewSubsegment(`### ${name}`);
  tracer.setSegment(subsegment);
  try {
    return await work();
  } catch (error) {
    subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}

/** Runs `work` as a named trace segment: the port a service's process-record takes. */
export type Trace = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/**
 * A {@link Trace} that only runs the work: the default when no tracer is wired (tests).
 *
 * @example
 * const trace = deps.trace ?? untraced;
 */
export const untraced: Trace = (_name, work) => work();

/**
 * The {@link Trace} of a Powertools tracer, for a handler to pass to its process-record.
 *
 * @example
 * const deps = { ...ports, trace: traceWith(observability.tracer) };
 */
export function traceWith(tracer: Tracer): Trace {
  return (name, work) => traced(tracer, name, work);
}
