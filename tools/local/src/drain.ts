import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** What `--once` looks at to decide that the work is over. */
export interface DrainSnapshot {
  readonly runners: ReadonlyArray<{ readonly busy: boolean; readonly emptyPolls: number }>;
  readonly bridgeBusy: boolean;
}

/** Empty polls in a row each runner must see: one empty answer can be a race with a send. */
export const REQUIRED_EMPTY_POLLS = 2;

/**
 * Whether the runners and the bridge are quiet: no batch in hand, no notification being
 * published, and every runner's last polls came back empty. Only then are queue depths
 * worth asking for.
 *
 * @example
 * isQuiet({ runners: [{ busy: false, emptyPolls: 2 }], bridgeBusy: false }); // true
 */
export function isQuiet(snapshot: DrainSnapshot): boolean {
  return (
    !snapshot.bridgeBusy &&
    snapshot.runners.every((runner) => !runner.busy && runner.emptyPolls >= REQUIRED_EMPTY_POLLS)
  );
}

/**
 * Messages a queue still holds: visible, in flight (waiting out a visibility timeout before
 * a retry) or delayed. SQS counts are approximate, so this is asked only once quiet.
 *
 * @example
 * await queueDepth(sqs, queue.url); // 0
 */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

/**
 * Resolves when the runners and bridge are quiet and the given queues are empty, checked
 * twice in a row, `intervalMs` apart.
 *
 * @example
 * await waitUntilDrained(() => snapshot(), sqs, queueUrls);
 */
export async function waitUntilDrained(
  snapshot: () => DrainSnapshot,
  sqs: SQSClient,
  queueUrls: readonly string[],
  intervalMs = 250,
): Promise<void> {
  let confirmations = 0;
  while (confirmations < 2) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    if (!isQuiet(snapshot())) {
      confirmations = 0;
      continue;
    }
    const depths = await Promise.all(queueUrls.map((url) => queueDepth(sqs, url)));
    confirmations =
      depths.every((depth) => depth === 0) && isQuiet(snapshot()) ? confirmations + 1 : 0;
  }
}
