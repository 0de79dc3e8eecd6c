import type { SQSClient } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { awsConfigFromStack, createSqsClient } from '@imgpipe/aws';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { drainQueue } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { listDlq, replayDlq } from '@imgpipe/dlq';

// Against real fauxqs in the local stack's child process (fauxqs is ES modules only).
jest.setTimeout(90_000);

const KEYS = ['albums/2024 summer/beach + sunset.jpg', 'photos/café.png', 'a+b/日本 富士山.webp'];
const MALFORMED = '{"not": "an SNS envelope"}';

describe('DLQ list and replay through the local stack', () => {
  let local: LocalStack;
  let sqs: SQSClient;
  const bodies = KEYS.map((key, i) =>
    buildSqsBodyForObject({ bucket: 'imgpipe-source', key, sequencer: `0${i + 1}` }),
  );

  beforeAll(async () => {
    local = await startLocalStack();
    sqs = createSqsClient(awsConfigFromStack(local.stack));
    const { dlqUrl } = local.stack.queues.resize;
    for (const body of [...bodies, MALFORMED]) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: dlqUrl,
          MessageBody: body,
          MessageAttributes: { origin: { DataType: 'String', StringValue: 'int-test' } },
        }),
      );
    }
  });

  afterAll(async () => {
    await local?.stop();
  });

  async function drain(queueUrl: string): Promise<{ body: string; origin: string | undefined }[]> {
    return (await drainQueue(sqs, queueUrl)).map((m) => ({
      body: m.Body ?? '',
      origin: m.MessageAttributes?.['origin']?.StringValue,
    }));
  }

  async function messageCounts(queueUrl: string) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return out.Attributes;
  }

  it('given four DLQ messages, when listed twice, then both listings show every key and the malformed body, and nothing is hidden', async () => {
    const { dlqUrl } = local.stack.queues.resize;

    const first = await listDlq(sqs, dlqUrl, { max: 50 });
    const second = await listDlq(sqs, dlqUrl, { max: 50 });

    for (const listing of [first, second]) {
      expect(listing.flatMap((m) => m.keys).sort()).toEqual([...KEYS].sort());
      expect(listing.filter((m) => m.malformed).map((m) => m.malformed)).toEqual([
        expect.stringMatching(/^SQS body is not an SNS notification/),
      ]);
    }
    expect(new Set(second.map((m) => m.messageId))).toEqual(new Set(first.map((m) => m.messageId)));
    expect(await messageCounts(dlqUrl)).toEqual({
      ApproximateNumberOfMessages: '4',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('given those messages, when replayed to the source queue, then the same bodies and attributes arrive there and the DLQ is empty', async () => {
    const { url, dlqUrl } = local.stack.queues.resize;

    const result = await replayDlq(sqs, { dlqUrl, targetQueueUrl: url }, { max: 100 });

    expect(result).toEqual({ moved: 4, skipped: 0, failed: 0, notDeleted: 0, left: 0 });
    const arrived = await drain(url);
    expect(arrived.map((m) => m.body).sort()).toEqual([...bodies, MALFORMED].sort());
    expect(arrived.map((m) => m.origin)).toEqual(['int-test', 'int-test', 'int-test', 'int-test']);
    expect(await messageCounts(dlqUrl)).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('given a key prefix, when replayed, then only messages with keys starting with it move and the rest stay visible in the DLQ', async () => {
    const { url, dlqUrl } = local.stack.queues.watermark;
    for (const body of bodies)
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));

    const result = await replayDlq(
      sqs,
      { dlqUrl, targetQueueUrl: url },
      { max: 100, filter: (m) => m.keys.some((k) => k.startsWith('photos/')) },
    );

    expect(result).toEqual({ moved: 1, skipped: 2, failed: 0, notDeleted: 0, left: 0 });
    expect((await drain(url)).map((m) => m.body)).toEqual([bodies[1]]);
    expect((await drain(dlqUrl)).map((m) => m.body).sort()).toEqual([bodies[0], bodies[2]].sort());
  });

  it('given 31 skipped messages and 6 movable ones, when replayed with a 2 s visibility timeout, then all 6 move, each skipped one counts once and all 31 stay visible', async () => {
    const { url, dlqUrl } = local.stack.queues.metadata;
    const keyed = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        buildSqsBodyForObject({
          bucket: 'imgpipe-source',
          key: `${prefix}${i}.jpg`,
          sequencer: '01',
        }),
      );
    const skippedBodies = keyed('later/', 31);
    const movableBodies = keyed('now/', 6);
    // Skipped first, so several receives bring only skipped messages before the movable ones.
    for (const body of [...skippedBodies, ...movableBodies])
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));

    const result = await replayDlq(
      sqs,
      { dlqUrl, targetQueueUrl: url },
      {
        max: 1000,
        visibilityTimeoutSeconds: 2,
        filter: (m) => m.keys.some((k) => k.startsWith('now/')),
      },
    );

    expect(result).toEqual({ moved: 6, skipped: 31, failed: 0, notDeleted: 0, left: 0 });
    expect(await messageCounts(dlqUrl)).toEqual({
      ApproximateNumberOfMessages: '31',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    expect((await drain(url)).map((m) => m.body).sort()).toEqual([...movableBodies].sort());
    expect((await drain(dlqUrl)).map((m) => m.body).sort()).toEqual([...skippedBodies].sort());
  });
});
