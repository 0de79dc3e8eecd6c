import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DlqMessageSummary } from './dlq-messages';
import { summariseDlqMessage } from './dlq-messages';
import { makeVisible, receive } from './sqs-pages';

/** How long a listed message stays hidden: long enough to page through, short if we die. */
const PEEK_VISIBILITY_SECONDS = 30;

/** Options of {@link listDlq}. */
export interface ListDlqOptions {
  /** At most this many messages are listed. */
  readonly max: number;
  /** Long-poll wait per receive; a short poll on AWS may miss messages. Default 1. */
  readonly waitSeconds?: number;
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
