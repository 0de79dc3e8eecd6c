import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageBatchCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { sendEntriesFor, settleSendResults } from './dlq-batch-entries';
import type { DlqMessageSummary } from './dlq-messages';
import { summariseDlqMessage } from './dlq-messages';
import type { ReceivedWithIds } from './sqs-pages';
import { makeVisible, receive } from './sqs-pages';

/** How long a listed message stays hidden: long enough to page through, short if we die. */
const PEEK_VISIBILITY_SECONDS = 30;
/** How long a message being replayed stays hidden: one send and one delete, with room. */
const REPLAY_VISIBILITY_SECONDS = 60;

/** Options of {@link listDlq}. */
export interface ListDlqOptions {
  /** At most this many messages are listed. */
  readonly max: number;
  /** Long-poll wait per receive; a short poll on AWS may miss messages. Default 1. */
  readonly waitSeconds?: number;
}

/** The DLQ to drain and the source queue its messages go back to. */
export interface ReplayQueues {
  readonly dlqUrl: string;
  readonly targetQueueUrl: string;
}

/** What happened to one message during a replay. */
export interface ReplayProgress {
  readonly outcome: 'replayed' | 'would-replay' | 'skipped' | 'failed' | 'not-deleted';
  readonly summary: DlqMessageSummary;
  /** Why it failed to send, or was sent but not deleted. */
  readonly reason?: string;
}

/** Options of {@link replayDlq}. */
export interface ReplayOptions {
  /** At most this many distinct messages are looked at (replayed, skipped or failed). */
  readonly max: number;
  /** Look and report, send and delete nothing. */
  readonly dryRun?: boolean;
  /** Only messages it accepts are replayed; the rest stay in the DLQ. */
  readonly filter?: (summary: DlqMessageSummary) => boolean;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Once aborted, no further batch is received. */
  readonly signal?: AbortSignal;
  readonly waitSeconds?: number;
}

/** The counts of a replay; `error` is set when an SQS call failed and the replay stopped. */
export interface ReplayResult {
  /** Confirmed sent to the source queue (in a dry run: would have been). */
  readonly replayed: number;
  /** Of the replayed, those whose delete from the DLQ failed: a later replay sends them again. */
  readonly notDeleted: number;
  readonly failedToSend: number;
  readonly skippedByFilter: number;
  readonly error?: unknown;
}

/**
 * Lists up to `max` DLQ messages without consuming them: each page is received with a short
 * visibility timeout, so paging never sees a message twice, and every message is made
 * visible again before returning, so a replay right after finds them all.
 *
 * @example
 * const messages = await listDlq(sqs, stack.queues.resize.dlqUrl, { max: 50 });
 * messages.map((m) => m.keys); // [['photos/café + tea.jpg'], …]
 */
export async function listDlq(
  sqs: SQSClient,
  dlqUrl: string,
  options: ListDlqOptions,
): Promise<DlqMessageSummary[]> {
  // By MessageId: SQS may deliver a message twice; the latest receipt handle is the valid one.
  const seen = new Map<string, { summary: DlqMessageSummary; receiptHandle: string }>();
  try {
    while (seen.size < options.max) {
      const page = await receive(
        sqs,
        dlqUrl,
        options.max - seen.size,
        PEEK_VISIBILITY_SECONDS,
        options.waitSeconds,
      );
      const before = seen.size;
      for (const message of page) {
        seen.set(message.MessageId, {
          summary: summariseDlqMessage(message),
          receiptHandle: message.ReceiptHandle,
        });
      }
      if (seen.size === before) break;
    }
  } finally {
    await makeVisible(
      sqs,
      dlqUrl,
      [...seen.values()].map((entry) => entry.receiptHandle),
    );
  }
  return [...seen.values()].map((entry) => entry.summary);
}

/**
 * Moves DLQ messages back to their source queue by hand (SendMessageBatch of the same bodies
 * and attributes, then DeleteMessageBatch of only the confirmed sends), batch after batch
 * until the DLQ is empty or `max` messages were looked at. Works where StartMessageMoveTask
 * does not exist (the local stack). Nothing is lost: a message not confirmed sent stays in
 * the DLQ; skipped and unsent messages are made visible again at the end. A failing SQS call
 * stops the replay and is returned as `error` with the counts so far.
 *
 * @example
 * const result = await replayDlq(sqs, { dlqUrl: pair.dlqUrl, targetQueueUrl: pair.url }, {
 *   max: 100,
 *   filter: (summary) => summary.keys.some((key) => key.startsWith('albums/')),
 *   onProgress: ({ outcome, summary }) => console.log(outcome, summary.keys.join(', ')),
 * });
 */
export async function replayDlq(
  sqs: SQSClient,
  queues: ReplayQueues,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const counts = { replayed: 0, notDeleted: 0, failedToSend: 0, skippedByFilter: 0 };
  const report = (progress: ReplayProgress) => options.onProgress?.(progress);
  const handled = new Set<string>();
  // Messages left in the DLQ on purpose: hidden until the end so this run does not receive
  // them again, then made visible for the next one.
  const held = new Map<string, string>();
  const hold = (message: ReceivedWithIds) => held.set(message.MessageId, message.ReceiptHandle);
  try {
    while (handled.size < options.max && options.signal?.aborted !== true) {
      const page = await receive(
        sqs,
        queues.dlqUrl,
        options.max - handled.size,
        REPLAY_VISIBILITY_SECONDS,
        options.waitSeconds,
      );
      const fresh = page.filter((message) => {
        if (held.has(message.MessageId)) hold(message);
        return !handled.has(message.MessageId);
      });
      if (fresh.length === 0) break;
      const toSend: ReceivedWithIds[] = [];
      for (const message of fresh) {
        handled.add(message.MessageId);
        const summary = summariseDlqMessage(message);
        if (options.filter && !options.filter(summary)) {
          counts.skippedByFilter += 1;
          hold(message);
          report({ outcome: 'skipped', summary });
        } else if (options.dryRun) {
          counts.replayed += 1;
          hold(message);
          report({ outcome: 'would-replay', summary });
        } else {
          toSend.push(message);
        }
      }
      if (toSend.length > 0) await sendThenDelete(sqs, queues, toSend, { counts, report, hold });
    }
  } catch (error) {
    return { ...counts, error };
  } finally {
    await makeVisible(sqs, queues.dlqUrl, [...held.values()]);
  }
  return counts;
}

interface BatchContext {
  readonly counts: { replayed: number; notDeleted: number; failedToSend: number };
  readonly report: (progress: ReplayProgress) => void;
  readonly hold: (message: ReceivedWithIds) => void;
}

async function sendThenDelete(
  sqs: SQSClient,
  queues: ReplayQueues,
  batch: readonly ReceivedWithIds[],
  { counts, report, hold }: BatchContext,
): Promise<void> {
  const failAll = (messages: readonly ReceivedWithIds[], reason: string) => {
    for (const message of messages) {
      counts.failedToSend += 1;
      hold(message);
      report({ outcome: 'failed', summary: summariseDlqMessage(message), reason });
    }
  };
  let sendResult;
  try {
    sendResult = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queues.targetQueueUrl,
        Entries: sendEntriesFor(batch),
      }),
    );
  } catch (error) {
    failAll(batch, (error as Error).message);
    throw error;
  }
  const settled = settleSendResults(batch, sendResult);
  for (const { message, reason } of settled.unsent) failAll([message], reason);
  if (settled.sent.length === 0) return;

  counts.replayed += settled.sent.length;
  const notDeleted = (message: Message, reason: string) => {
    counts.notDeleted += 1;
    report({ outcome: 'not-deleted', summary: summariseDlqMessage(message), reason });
  };
  let deleteResult;
  try {
    deleteResult = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queues.dlqUrl,
        Entries: [...settled.deleteEntries],
      }),
    );
  } catch (error) {
    for (const message of settled.sent) notDeleted(message, (error as Error).message);
    throw error;
  }
  const deleteFailures = new Map(
    (deleteResult.Failed ?? []).map((entry) => [entry.Id, entry.Message ?? entry.Code ?? 'failed']),
  );
  settled.sent.forEach((message, index) => {
    const failure = deleteFailures.get(settled.deleteEntries[index]?.Id);
    if (failure === undefined)
      report({ outcome: 'replayed', summary: summariseDlqMessage(message) });
    else notDeleted(message, failure);
  });
}
