import type { DlqMessageSummary, ReplayProgress, ReplayResult } from '@imgpipe/dlq';
import { UsageError } from './cli-io';
import type { QueueService } from './ssm-parameters';
import { QUEUE_SERVICES } from './ssm-parameters';
import { formatDuration } from './units';

/**
 * The services named by the operands: `all`, or service names, with or without the
 * `-service` suffix the infra projects carry. Each service once, in the pipeline's order.
 *
 * @throws UsageError naming the unknown service and the known ones.
 * @example
 * parseQueueServices(['all'], 'dlq list'); // ['resize', 'watermark', 'metadata']
 * parseQueueServices(['metadata-service'], 'dlq list'); // ['metadata']
 */
export function parseQueueServices(operands: readonly string[], command: string): QueueService[] {
  const wanted = new Set<string>();
  for (const operand of operands) {
    const name = operand.replace(/-service$/, '');
    if (name === 'all') QUEUE_SERVICES.forEach((service) => wanted.add(service));
    else if ((QUEUE_SERVICES as readonly string[]).includes(name)) wanted.add(name);
    else
      throw new UsageError(
        `unknown service '${operand}': use ${QUEUE_SERVICES.join(', ')} or all`,
        command,
      );
  }
  return QUEUE_SERVICES.filter((service) => wanted.has(service));
}

/**
 * A DLQ listing for people: a heading with the count, then one row per message with its
 * id, receive count, age (since it was first sent) and keys, one key per line. A body that
 * is not an image event shows its parse error in place of keys.
 *
 * @example
 * formatDlqListing('resize', summaries, { max: 100, now: new Date() });
 * // 'resize DLQ: 1 message\n  MESSAGE ID  RECEIVES  AGE    KEYS\n  1f0e…  4  2m05s  a.jpg\n'
 */
export function formatDlqListing(
  service: QueueService,
  summaries: readonly DlqMessageSummary[],
  options: { readonly max: number; readonly now: Date },
): string {
  if (summaries.length === 0) return `${service} DLQ: empty\n`;
  const more =
    summaries.length >= options.max ? ` (--max ${options.max} reached: more may wait)` : '';
  const rows = summaries.map((summary) => ({
    id: summary.messageId,
    receives: summary.receiveCount === undefined ? '?' : String(summary.receiveCount),
    age:
      summary.sentAt === undefined
        ? '?'
        : formatDuration(options.now.getTime() - summary.sentAt.getTime()),
    keys: describeKeys(summary),
  }));
  const idWidth = Math.max('MESSAGE ID'.length, ...rows.map((row) => row.id.length));
  const ageWidth = Math.max('AGE'.length, ...rows.map((row) => row.age.length));
  const line = (id: string, receives: string, age: string, key: string) =>
    `  ${id.padEnd(idWidth)}  ${receives.padStart(8)}  ${age.padEnd(ageWidth)}  ${key}`.trimEnd();
  const lines = [
    `${service} DLQ: ${plural(summaries.length, 'message')}${more}`,
    line('MESSAGE ID', 'RECEIVES', 'AGE', 'KEYS'),
  ];
  for (const row of rows) {
    const [first = '', ...rest] = row.keys;
    lines.push(line(row.id, row.receives, row.age, first));
    rest.forEach((key) => lines.push(line('', '', '', key)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One DLQ message as a JSON line for `--json`: the summary with its service, times as ISO.
 *
 * @example
 * io.stdout.write(`${dlqMessageJson('resize', summary)}\n`);
 */
export function dlqMessageJson(service: QueueService, summary: DlqMessageSummary): string {
  return JSON.stringify({ service, ...summary });
}

/**
 * One line of replay progress: what happened to a message, its keys, and why when it failed.
 *
 * @example
 * formatReplayProgress('resize', { outcome: 'replayed', summary });
 * // 'replayed      resize     1f0e…  photos/a.jpg'
 */
export function formatReplayProgress(service: QueueService, progress: ReplayProgress): string {
  const keys = describeKeys(progress.summary).join(', ');
  const why = progress.reason === undefined ? '' : `: ${progress.reason}`;
  return `${progress.outcome.padEnd(12)}  ${service.padEnd(9)}  ${progress.summary.messageId}  ${keys}${why}`;
}

/**
 * A replay's one-line result for one service: moved, skipped (by `--key`), failed to send,
 * sent but not deleted (only when some were), and left — what the DLQ still holds that the
 * replay should have moved, by SQS's count when it ended.
 *
 * @example
 * formatReplaySummary('resize', { moved: 3, skipped: 2, failed: 1, notDeleted: 0, left: 1 }, false);
 * // 'resize: 3 moved, 2 skipped, 1 failed to send, 1 left in the DLQ'
 */
export function formatReplaySummary(
  service: QueueService,
  result: ReplayResult,
  dryRun: boolean,
): string {
  const parts = [
    dryRun ? `${result.moved} would move (dry run: nothing moved)` : `${result.moved} moved`,
    `${result.skipped} skipped`,
    `${result.failed} failed to send`,
  ];
  if (result.notDeleted > 0)
    parts.push(`${result.notDeleted} sent but not deleted (in both queues)`);
  parts.push(
    result.left === undefined
      ? 'left in the DLQ unknown (SQS did not say)'
      : `${result.left} left in the DLQ`,
  );
  return `${service}: ${parts.join(', ')}`;
}

function describeKeys(summary: DlqMessageSummary): string[] {
  // The first complaint is enough to recognise the problem in a table; --json has them all.
  if (summary.malformed !== undefined) {
    const [first = summary.malformed, ...more] = summary.malformed.split('; ');
    return [`(malformed: ${first}${more.length > 0 ? '; …' : ''})`];
  }
  return summary.keys.length > 0 ? [...summary.keys] : ['(no image event in it)'];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
