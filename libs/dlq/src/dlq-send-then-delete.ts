import type { SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageBatchCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { sendEntriesFor, settleSendResults } from './dlq-batch-entries';
import type { DlqMessageSummary } from './dlq-messages';
import { summariseDlqMessage } from './dlq-messages';
import type { ReceivedWithIds } from './sqs-pages';

/** What happened to one message during a replay. */
export interface ReplayProgress {
  readonly outcome: 'replayed' | 'would-replay' | 'skipped' | 'failed' | 'not-deleted';
  readonly summary: DlqMessageSummary;
  /** Why it failed to send, or was sent but not deleted. */
  readonly reason?: string;
}

/** The counts one batch adds to, and where its messages are reported and kept. */
export interface BatchContext {
  readonly counts: { moved: number; failed: number; notDeleted: number };
  readonly report: (progress: ReplayProgress) => void;
  /** Keeps a message that stays in the DLQ, to make it visible again when the replay ends. */
  readonly hold: (message: ReceivedWithIds) => void;
}

/**
 * Sends one batch of DLQ messages to the target queue, then deletes from the DLQ only the
 * ones SQS confirmed as sent, so a crash at any point leaves each message in the DLQ, in the
 * target queue, or (between the two calls) in both — never in neither. Internal to the replay.
 *
 * @throws the SQS error of a send or delete call that failed as a whole, after counting and
 * reporting the batch.
 * @example
 * await sendThenDelete(sqs, { dlqUrl, targetQueueUrl }, page, { counts, report, hold });
 */
export async function sendThenDelete(
  sqs: SQSClient,
  queues: { readonly dlqUrl: string; readonly targetQueueUrl: string },
  batch: readonly ReceivedWithIds[],
  { counts, report, hold }: BatchContext,
): Promise<void> {
  const failAll = (messages: readonly ReceivedWithIds[], reason: string) => {
    for (const message of messages) {
      counts.failed += 1;
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

  const notDeleted = (message: ReceivedWithIds, reason: string) => {
    counts.notDeleted += 1;
    hold(message);
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
    if (failure === undefined) {
      counts.moved += 1;
      report({ outcome: 'replayed', summary: summariseDlqMessage(message) });
    } else notDeleted(message, failure);
  });
}
