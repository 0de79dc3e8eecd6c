import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createSqsClient } from '@imgpipe/aws';
import { buildSqsBodyForObject, parseImageEvents } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { drainQueue, peekQueue, waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

// `imgpipe dlq replay` as operators run it (the bin, in a process of its own, as the operator
// principal), killed with SIGKILL while it works; every message is then looked for.
jest.setTimeout(240_000);

const BIN = resolve(__dirname, '../bin/imgpipe.js');
// Enough that each kill lands while the DLQ still holds messages: a replay moves tens a second.
const COUNT = 150;
/** Short, so what the killed replay held reappears within the test (its default is 60 s). */
const VISIBILITY = '2';

const keyOf = (message: Message) =>
  parseImageEvents(message.Body ?? '')
    .map((event) => event.imageId)
    .join(',');

describe('imgpipe dlq replay killed mid-way', () => {
  let local: LocalStack;
  let sqs: SQSClient;
  /** The keys of every message taken off the resize queue so far, duplicates included. */
  const arrived: string[] = [];
  const keys = Array.from({ length: COUNT }, (_, i) => `kill/${String(i).padStart(3, '0')}.jpg`);

  beforeAll(async () => {
    local = await startLocalStack();
    sqs = createSqsClient(awsConfigFromStack(local.stack));
    const { dlqUrl } = local.stack.queues.resize;
    for (let start = 0; start < COUNT; start += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: keys.slice(start, start + 10).map((key, i) => ({
            Id: String(i),
            MessageBody: buildSqsBodyForObject({ bucket: 'imgpipe-source', key, sequencer: '01' }),
          })),
        }),
      );
    }
  });

  afterAll(async () => {
    await local?.stop();
  });

  /** Runs the replay; with `killAfter`, SIGKILLs it once it printed that many replayed lines. */
  async function replay(killAfter?: number): Promise<{ code: number | null; stdout: string }> {
    const child = spawn(
      process.execPath,
      [BIN, 'dlq', 'replay', 'resize', '--visibility-timeout', VISIBILITY],
      {
        cwd: local.stack.dataDir,
        env: { ...process.env, IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((done) => child.once('close', done));
    if (killAfter !== undefined) {
      await waitFor(() => (stdout.match(/^replayed\s/gm) ?? []).length >= killAfter, {
        timeoutMs: 60_000,
        what: `${killAfter} replayed lines (stdout: ${stdout}; stderr: ${stderr})`,
      });
      child.kill('SIGKILL');
    }
    const code = await exited;
    if (killAfter === undefined && code !== 0) throw new Error(`replay failed: ${stderr}`);
    return { code, stdout };
  }

  /** All the queue holds, visible or hidden (fauxqs counts a lapsed message hidden until a receive). */
  async function totalCount(queueUrl: string): Promise<number> {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(out.Attributes?.ApproximateNumberOfMessages) +
      Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  }

  const takeKeys = async (queueUrl: string) => (await drainQueue(sqs, queueUrl)).map(keyOf);
  /** The image keys of every message in the queue, which stays as it was. */
  const peekKeys = async (queueUrl: string) => (await peekQueue(sqs, queueUrl)).map(keyOf);

  /**
   * Takes what reached the resize queue, as its consumer would (peeking there would count as
   * receives and redrive messages to the DLQ after five), and returns the keys in the DLQ once
   * all the killed replay held there is visible again.
   */
  async function census(): Promise<string[]> {
    const { url, dlqUrl } = local.stack.queues.resize;
    arrived.push(...(await takeKeys(url)));
    return waitFor(
      async () => {
        const inDlq = await peekKeys(dlqUrl);
        return inDlq.length === (await totalCount(dlqUrl)) && inDlq;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'every DLQ message visible again' },
    );
  }

  it('given 150 DLQ messages, when the replay is SIGKILLed after 5, 7 and 9 more replayed lines and then run to the end, then no message is lost at any point (duplicates allowed: SQS is at-least-once)', async () => {
    const leftAfterKill: number[] = [];

    for (const killAfter of [5, 7, 9]) {
      const { code } = await replay(killAfter);
      const inDlq = await census();

      expect(code).toBeNull();
      expect(new Set([...inDlq, ...arrived])).toEqual(new Set(keys));
      leftAfterKill.push(inDlq.length);
    }
    const last = await replay();
    const inDlq = await census();

    // Killed mid-way each time: the DLQ still held messages.
    expect(Math.min(...leftAfterKill)).toBeGreaterThan(0);
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(
      /^resize: \d+ moved, 0 skipped, 0 failed to send, 0 left in the DLQ$/m,
    );
    expect(inDlq).toEqual([]);
    expect(new Set(arrived)).toEqual(new Set(keys));
    expect(arrived.length).toBeGreaterThanOrEqual(COUNT);
  });
});
