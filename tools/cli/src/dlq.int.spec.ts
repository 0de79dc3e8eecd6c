import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createSqsClient } from '@imgpipe/aws';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { drainQueue } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { join } from 'node:path';
import { main } from './main';
import { captureIo } from './test-io';

// The dlq commands against real fauxqs queues, through the local stack in a child process.
jest.setTimeout(90_000);

const KEYS = ['albums/2024 summer/beach + sunset.jpg', 'photos/café.png', 'a+b/日本 富士山.webp'];

describe('imgpipe dlq against the local stack', () => {
  let local: LocalStack;
  let sqs: SQSClient;
  const bodies = KEYS.map((key, i) =>
    buildSqsBodyForObject({ bucket: 'imgpipe-source', key, sequencer: `0${i + 1}` }),
  );
  const io = () =>
    captureIo({
      cwd: local.stack.dataDir,
      env: { IMGPIPE_STACK_FILE: join(local.stack.dataDir, 'stack.json') },
    });

  const drain = async (queueUrl: string) =>
    (await drainQueue(sqs, queueUrl)).map((m) => m.Body ?? '');

  beforeAll(async () => {
    local = await startLocalStack();
    sqs = createSqsClient(awsConfigFromStack(local.stack));
    for (const body of bodies) {
      await sqs.send(
        new SendMessageCommand({ QueueUrl: local.stack.queues.resize.dlqUrl, MessageBody: body }),
      );
    }
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('given three resize DLQ messages, when listed as JSON, then each key appears once with its service', async () => {
    const listIo = io();

    const code = await main(['dlq', 'list', 'resize', '--json'], listIo);

    expect(listIo.stderrText()).toBe('');
    expect(code).toBe(0);
    const lines = listIo
      .stdoutText()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { service: string; keys: string[] });
    expect(lines.map((line) => line.service)).toEqual(['resize', 'resize', 'resize']);
    expect(lines.flatMap((line) => line.keys).sort()).toEqual([...KEYS].sort());
  });

  it('given a key prefix, when replayed for all services, then only that message moves and the summary says so', async () => {
    const replayIo = io();

    const code = await main(['dlq', 'replay', 'all', '--key', 'photos/'], replayIo);

    expect(replayIo.stderrText()).toBe('');
    expect(code).toBe(0);
    expect(replayIo.stdoutText()).toContain(
      'resize: 1 moved, 2 skipped, 0 failed to send, 0 left in the DLQ\n',
    );
    expect(replayIo.stdoutText()).toContain(
      'watermark: 0 moved, 0 skipped, 0 failed to send, 0 left in the DLQ\n',
    );
    expect(await drain(local.stack.queues.resize.url)).toEqual([bodies[1]]);
  });

  it('given the rest, when replayed, then the same bodies reach the resize queue and the DLQ lists empty', async () => {
    const replayIo = io();
    const listIo = io();

    const code = await main(['dlq', 'replay', 'resize'], replayIo);
    await main(['dlq', 'list', 'resize'], listIo);

    expect(code).toBe(0);
    expect(replayIo.stdoutText()).toMatch(
      /^replayed {6}resize {5}\S+ {2}albums\/2024 summer\/beach \+ sunset\.jpg$/m,
    );
    expect(replayIo.stdoutText()).toContain(
      'resize: 2 moved, 0 skipped, 0 failed to send, 0 left in the DLQ\n',
    );
    expect((await drain(local.stack.queues.resize.url)).sort()).toEqual(
      [bodies[0], bodies[2]].sort(),
    );
    expect(listIo.stdoutText()).toBe('resize DLQ: empty\n');
  });

  it('given three watermark DLQ messages, when dry-run and then replayed with --max 2, then the dry run exits 0 with 3 left and the replay exits 1 with 1 left', async () => {
    const { url, dlqUrl } = local.stack.queues.watermark;
    for (const body of bodies)
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    const dryIo = io();
    const partIo = io();

    const dryCode = await main(['dlq', 'replay', 'watermark', '--dry-run'], dryIo);
    const partCode = await main(['dlq', 'replay', 'watermark', '--max', '2'], partIo);

    expect(dryCode).toBe(0);
    expect(dryIo.stdoutText()).toContain(
      'watermark: 3 would move (dry run: nothing moved), 0 skipped, 0 failed to send, 3 left in the DLQ\n',
    );
    expect(partCode).toBe(1);
    expect(partIo.stdoutText()).toContain(
      'watermark: 2 moved, 0 skipped, 0 failed to send, 1 left in the DLQ\n',
    );
    expect(await drain(url)).toHaveLength(2);
    expect(await drain(dlqUrl)).toHaveLength(1);
  });

  it('given two metadata DLQ messages, when replayed with --json and --rate 5, then one JSON summary and both in the queue', async () => {
    const { url, dlqUrl } = local.stack.queues.metadata;
    for (const body of bodies.slice(0, 2))
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    const replayIo = io();

    const code = await main(['dlq', 'replay', 'metadata', '--json', '--rate', '5'], replayIo);

    expect(replayIo.stderrText()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(replayIo.stdoutText())).toEqual({
      service: 'metadata',
      method: 'by-hand',
      dryRun: false,
      moved: 2,
      skipped: 0,
      failed: 0,
      notDeleted: 0,
      left: 0,
    });
    expect((await drain(url)).sort()).toEqual(bodies.slice(0, 2).sort());
  });

  it('given the local stack, when a replay is cancelled, then exit 3: it has no move tasks', async () => {
    const cancelIo = io();

    const code = await main(['dlq', 'cancel', 'all'], cancelIo);

    expect(code).toBe(3);
    expect(cancelIo.stdoutText()).toBe('');
    expect(cancelIo.stderrText()).toBe(
      'the local stack has no move tasks (its SQS lacks them): a replay there runs by hand and stops with Ctrl-C\n',
    );
  });
});
