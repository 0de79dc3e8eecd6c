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
