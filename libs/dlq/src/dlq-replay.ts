import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DlqMessageSummary } from './dlq-messages';
import { summariseDlqMessage } from './dlq-messages';
import type { Pacer } from './dlq-replay-rate';
import { createPacer } from './dlq-replay-rate';
import type { ReplayProgress } from './dlq-send-then-delete';
import { sendThenDelete } from './dlq-send-then-delete';
import type { ReceivedWithIds } from './sqs-pages';
import { makeVisible, queueCounts, receive } from './sqs-pages';

export { listDlq } from './dlq-list';
export type { ListDlqOptions } from './dlq-list';
export type { ReplayProgress } from './dlq-send-then-delete';

/** How long a message being replayed stays hidden: one send and one delete, with room. */
const REPLAY_VISIBILITY_SECONDS = 60;
/**
 * Receives in a row that bring no new message, with SQS still counting messages this run has
 * not seen (hidden by another consumer, or counts lagging on AWS), before the replay stops and
 * reports them as left. Receives that only bring back its own held messages come on top.
 */
const PATIENCE_RECEIVES = 5;

/** The DLQ to drain and the source queue its messages go back to. */
export interface ReplayQueues {
  readonly dlqUrl: string;
  readonly targetQueueUrl: string;
}

/** Options of {@link replayDlq}. */
export interface ReplayOptions {
  /** At most this many distinct messages are looked at (moved, skipped or failed). */
  readonly max: number;
  /** Look and report, send and delete nothing. */
  readonly dryRun?: boolean;
  /** Only messages it accepts are replayed; the rest stay in the DLQ. */
  readonly filter?: (summary: DlqMessageSummary) => boolean;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Once aborted, no further batch is received. */
  readonly signal?: AbortSignal;
  /** Long-poll wait per receive. Default 1. */
  readonly waitSeconds?: number;
  /**
   * How long each received message stays hidden from other consumers (default 60 s). If the
   * replay dies, the messages it held reappear in the DLQ after this long.
   */
  readonly visibilityTimeoutSeconds?: number;
  /** At most this many messages sent per second (batches shrink and wait to keep to it). */
  readonly ratePerSecond?: number;
}

/** The counts of a replay, each message counted once however often SQS delivered it. */
export interface ReplayResult {
  /** Sent to the source queue and deleted from the DLQ (in a dry run: would have been). */
  readonly moved: number;
  /** Left in the DLQ by the filter. */
  readonly skipped: number;
  /** Not confirmed sent: still in the DLQ, not in the source queue. */
  readonly failed: number;
  /** Sent, but the delete from the DLQ failed: in both queues; a later replay sends it again. */
  readonly notDeleted: number;
  /**
   * Messages still in the DLQ that the replay should have moved, by SQS's count at the end
   * (approximate on AWS): all but the skipped ones, so failed, not deleted, beyond `max`,
   * hidden by another consumer, or, in a dry run, every one it would move. Undefined when SQS
   * could not be asked.
   */
  readonly left: number | undefined;
  /** The SQS error that stopped the replay, if one did. */
  readonly error?: unknown;
}

/**
 * Moves DLQ messages back to their source queue by hand: receive, SendMessageBatch of the
 * same bodies and attributes, then DeleteMessageBatch of only the confirmed sends, at most
 * `ratePerSecond` a second when given. Works where StartMessageMoveTask does not exist (the
 * local stack) and where it cannot choose (a filter, a dry run); elsewhere see `redriveDlq`. It ends when the DLQ holds nothing
 * it should move (by SQS's counts, less the messages it left on purpose), when `max` messages
 * were looked at, when aborted, or after a few receives with nothing new while SQS still
 * counts messages it cannot see. Nothing is lost: a message not confirmed sent stays in the
 * DLQ. Messages it leaves (skipped, dry run, failed) are counted once even when their
 * visibility timeout ends and SQS delivers them again, and are made visible at the end.
 *
 * @example
 * const result = await replayDlq(sqs, { dlqUrl: pair.dlqUrl, targetQueueUrl: pair.url }, {
 *   max: 1000,
 *   filter: (summary) => summary.keys.some((key) => key.startsWith('albums/')),
 *   onProgress: ({ outcome, summary }) => console.log(outcome, summary.keys.join(', ')),
 * });
 * result.left; // 0 when every matching message moved
 */
export async function replayDlq(
  sqs: SQSClient,
  queues: ReplayQueues,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const visibility = options.visibilityTimeoutSeconds ?? REPLAY_VISIBILITY_SECONDS;
  const counts = { moved: 0, skipped: 0, failed: 0, notDeleted: 0 };
  const report = (progress: ReplayProgress) => options.onProgress?.(progress);
  const seen = new Set<string>();
  // Messages left in the DLQ on purpose, with their latest receipt handle (only that one can
  // make a redelivered message visible again): made visible at the end for the next operator.
  const held = new Map<string, string>();
  const hold = (message: ReceivedWithIds) => held.set(message.MessageId, message.ReceiptHandle);
  const pace = options.ratePerSecond === undefined ? undefined : createPacer(options.ratePerSecond);
  let error: unknown;
  let idleReceives = 0;
  try {
    while (seen.size < options.max && options.signal?.aborted !== true) {
      const page = await receive(
        sqs,
        queues.dlqUrl,
        Math.min(options.max - seen.size, options.ratePerSecond ?? Number.POSITIVE_INFINITY),
        visibility,
        options.waitSeconds,
      );
      const fresh: ReceivedWithIds[] = [];
      for (const message of page) {
        // A held message back after its visibility timeout: this receive hid it again.
        if (seen.has(message.MessageId)) hold(message);
        else {
          seen.add(message.MessageId);
          fresh.push(message);
        }
      }
      if (fresh.length > 0) {
        idleReceives = 0;
        await decide(sqs, queues, fresh, { options, counts, report, hold, pace });
        continue;
      }
      const { visible, hidden } = await queueCounts(sqs, queues.dlqUrl);
      if (visible + hidden <= held.size) break;
      // Cycling through its own redelivered messages is progress; the rest is waiting.
      idleReceives += 1;
      if (idleReceives > PATIENCE_RECEIVES + Math.ceil(held.size / 10)) break;
    }
  } catch (caught) {
    error = caught;
  }
  const left = await leftToMove(sqs, queues.dlqUrl, counts.skipped);
  await makeVisible(sqs, queues.dlqUrl, [...held.values()]);
  return { ...counts, left, ...(error === undefined ? {} : { error }) };
}

interface DecideContext {
  readonly options: ReplayOptions;
  readonly counts: { moved: number; skipped: number; failed: number; notDeleted: number };
  readonly report: (progress: ReplayProgress) => void;
  readonly hold: (message: ReceivedWithIds) => void;
  readonly pace: Pacer | undefined;
}

async function decide(
  sqs: SQSClient,
  queues: ReplayQueues,
  fresh: readonly ReceivedWithIds[],
  { options, counts, report, hold, pace }: DecideContext,
): Promise<void> {
  const toSend: ReceivedWithIds[] = [];
  for (const message of fresh) {
    const summary = summariseDlqMessage(message);
    if (options.filter && !options.filter(summary)) {
      counts.skipped += 1;
      hold(message);
      report({ outcome: 'skipped', summary });
    } else if (options.dryRun) {
      counts.moved += 1;
      hold(message);
      report({ outcome: 'would-replay', summary });
    } else {
      toSend.push(message);
    }
  }
  if (toSend.length === 0) return;
  await pace?.(toSend.length);
  await sendThenDelete(sqs, queues, toSend, { counts, report, hold });
}

async function leftToMove(
  sqs: SQSClient,
  dlqUrl: string,
  skipped: number,
): Promise<number | undefined> {
  try {
    const { visible, hidden } = await queueCounts(sqs, dlqUrl);
    return Math.max(0, visible + hidden - skipped);
  } catch {
    return undefined;
  }
}
