import type { ServiceName } from './cli-options';

/** How one image fared in one service's batch. */
export type ImageOutcome =
  | {
      readonly kind: 'done';
      readonly service: ServiceName;
      readonly key: string;
      readonly fact: string;
    }
  | {
      readonly kind: 'rejected';
      readonly service: ServiceName;
      readonly key: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'retry';
      readonly service: ServiceName;
      readonly key: string;
      readonly error: string;
    }
  | {
      readonly kind: 'acknowledged';
      readonly service: ServiceName;
      readonly key: string;
      readonly note: string;
    };

interface OutputLike {
  readonly format?: unknown;
  readonly width?: unknown;
  readonly bytes?: unknown;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`;
}

function factOf(stage: Record<string, unknown>): string {
  if (typeof stage['format'] === 'string' && typeof stage['width'] === 'number') {
    return `${stage['format']} ${stage['width']}×${String(stage['height'])}`;
  }
  if (Array.isArray(stage['outputs'])) {
    const outputs = stage['outputs'] as OutputLike[];
    const bytes = outputs.reduce((sum, o) => sum + (typeof o.bytes === 'number' ? o.bytes : 0), 0);
    const formats = [...new Set(outputs.map((o) => String(o.format)))].join('+');
    const widths = outputs.map((o) => Number(o.width)).filter(Number.isFinite);
    const [min, max] = [Math.min(...widths), Math.max(...widths)];
    const range = widths.length === 0 ? '' : min === max ? ` ${max}w` : ` ${min}–${max}w`;
    return `${outputs.length} output${outputs.length === 1 ? '' : 's'} (${formats}${range}), ${kilobytes(bytes)}`;
  }
  return 'done';
}

/**
 * Reads a service's outcome for one image from its stage attribute of the image record
 * (`image` for metadata, `resize`, `watermark`) after the handler acknowledged it.
 *
 * @example
 * outcomeFromStage('metadata', 'a.jpg', { status: 'rejected', reason: 'not an image' });
 * // { kind: 'rejected', service: 'metadata', key: 'a.jpg', reason: 'not an image' }
 */
export function outcomeFromStage(service: ServiceName, key: string, stage: unknown): ImageOutcome {
  if (typeof stage !== 'object' || stage === null) {
    return { kind: 'acknowledged', service, key, note: 'no record written' };
  }
  const value = stage as Record<string, unknown>;
  if (value['status'] === 'rejected') {
    return {
      kind: 'rejected',
      service,
      key,
      reason: String(value['reason'] ?? value['code'] ?? 'no reason given'),
    };
  }
  if (value['status'] === 'done') return { kind: 'done', service, key, fact: factOf(value) };
  if (value['status'] === 'deleted') {
    const removed = Array.isArray(value['removedKeys']) ? value['removedKeys'].length : 0;
    const note = `source deleted; ${removed} output key${removed === 1 ? '' : 's'} removed`;
    return { kind: 'acknowledged', service, key, note };
  }
  return { kind: 'acknowledged', service, key, note: `stage status "${String(value['status'])}"` };
}

/**
 * One console line for an outcome.
 *
 * @example
 * formatOutcome({ kind: 'done', service: 'resize', key: 'a.jpg', fact: '3 outputs, 80 KB' });
 * // 'resize     done         a.jpg  3 outputs, 80 KB'
 */
export function formatOutcome(outcome: ImageOutcome): string {
  const head = `${outcome.service.padEnd(10)} ${(outcome.kind === 'retry' ? 'will retry' : outcome.kind).padEnd(12)} ${outcome.key}`;
  switch (outcome.kind) {
    case 'done':
      return `${head}  ${outcome.fact}`;
    case 'rejected':
      return `${head}  ${outcome.reason}`;
    case 'retry':
      return `${head}  ${outcome.error}`;
    case 'acknowledged':
      return `${head}  (${outcome.note})`;
  }
}

/** One service's line of the `--once` summary. */
export interface ServiceSummary {
  readonly service: ServiceName;
  readonly processed: number;
  readonly rejected: number;
  readonly retried: number;
  readonly inDlq: number;
}

/**
 * Counts outcomes per service; `inDlq` comes from the dead-letter queues at the end.
 *
 * @example
 * summarize(['metadata'], outcomes, { metadata: 0 });
 * // [{ service: 'metadata', processed: 2, rejected: 1, retried: 0, inDlq: 0 }]
 */
export function summarize(
  services: readonly ServiceName[],
  outcomes: readonly ImageOutcome[],
  dlqDepths: Readonly<Partial<Record<ServiceName, number>>>,
): ServiceSummary[] {
  return services.map((service) => {
    const mine = outcomes.filter((outcome) => outcome.service === service);
    const count = (kind: ImageOutcome['kind']) =>
      mine.filter((outcome) => outcome.kind === kind).length;
    return {
      service,
      processed: count('done') + count('acknowledged'),
      rejected: count('rejected'),
      retried: count('retry'),
      inDlq: dlqDepths[service] ?? 0,
    };
  });
}

/**
 * The summary as a small table.
 *
 * @example
 * console.log(formatSummary(summarize(services, outcomes, dlqDepths)));
 */
export function formatSummary(rows: readonly ServiceSummary[]): string {
  if (rows.length === 0) return 'no services ran';
  const header = `${'service'.padEnd(10)} ${'processed'.padStart(9)} ${'rejected'.padStart(9)} ${'retried'.padStart(9)} ${'in DLQ'.padStart(9)}`;
  const lines = rows.map(
    (row) =>
      `${row.service.padEnd(10)} ${String(row.processed).padStart(9)} ${String(row.rejected).padStart(9)} ${String(row.retried).padStart(9)} ${String(row.inDlq).padStart(9)}`,
  );
  return [header, ...lines].join('\n');
}
