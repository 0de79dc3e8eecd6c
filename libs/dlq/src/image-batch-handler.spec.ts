import type { ImageEvent } from '@imgpipe/event-schemas';
import { buildSnsEnvelope, buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { createObservability } from '@imgpipe/observability';
import {
  captureLogLines,
  deferred,
  lambdaContextFactory,
  sqsRecordFactory,
} from '@imgpipe/testing';
import type { LogLine } from '@imgpipe/testing';
import type { SQSEvent } from 'aws-lambda';
import { byEventKind, createImageBatchHandler } from './image-batch-handler';
import type { StageOutcome } from './run-stage';

const done: StageOutcome = { status: 'done', durationMs: 1, bytesIn: 1, bytesOut: 1 };

function bodyFor(key: string, sequencer = '01', requestId?: string): string {
  return buildSqsBodyForObject({
    bucket: 'imgpipe-source',
    key,
    sequencer,
    size: 3,
    ...(requestId ? { requestId } : {}),
  });
}

/** Real async work: hops through the event loop, so other records could start meanwhile. */
async function eventLoopHops(count: number): Promise<void> {
  for (let hop = 0; hop < count; hop += 1)
    await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('createImageBatchHandler', () => {
  beforeAll(() => {
    process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  });

  function handlerWith(
    handleImage: (event: ImageEvent) => Promise<StageOutcome>,
    maxConcurrentImages = 2,
  ) {
    return createImageBatchHandler(createObservability('test-service'), handleImage, {
      maxConcurrentImages,
    });
  }

  it('given a batch of ten with one poison record, then only that record is reported for retry', async () => {
    const records = Array.from({ length: 10 }, (_, i) => sqsRecordFactory(bodyFor(`img ${i}.jpg`)));
    const seen: string[] = [];
    const handler = handlerWith(async (event) => {
      seen.push(event.imageId);
      if (event.imageId === 'img 6.jpg') throw new Error('DynamoDB throttled');
      return done;
    });

    const response = await handler({ Records: records }, lambdaContextFactory());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[6]?.messageId }]);
    expect(seen).toHaveLength(10);
  });

  it('given a rejected image, then its record is acknowledged, not retried', async () => {
    const handler = handlerWith(async () => ({
      status: 'rejected',
      code: 'corrupt',
      reason: 'truncated',
      durationMs: 2,
    }));

    const response = await handler(
      { Records: [sqsRecordFactory(bodyFor('bad.jpg'))] },
      lambdaContextFactory(),
    );

    expect(response.batchItemFailures).toEqual([]);
  });

  it('given keys with spaces, unicode and a plus, then the handler sees them decoded', async () => {
    const keys = ['my photos/a b.jpg', 'ünïcødé/日本.png', 'c++ & tea+.webp', '100% real.gif'];
    const seen: string[] = [];
    const handler = handlerWith(async (event) => {
      seen.push(event.key);
      return done;
    });

    await handler(
      { Records: keys.map((key) => sqsRecordFactory(bodyFor(key))) },
      lambdaContextFactory(),
    );

    expect(seen).toEqual(keys);
  });

  it('given a malformed body beside a good one, then only the malformed one fails so the DLQ keeps it', async () => {
    const good = sqsRecordFactory(bodyFor('ok.jpg'));
    const bad = sqsRecordFactory('{"not":"an sns envelope"}');
    const handler = handlerWith(async () => done);

    const response = await handler({ Records: [good, bad] }, lambdaContextFactory());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
  });

  it('given an s3:TestEvent, then it is acknowledged without calling the service', async () => {
    const testEvent = JSON.stringify({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: 't',
      Bucket: 'b',
    });
    const body = JSON.stringify(
      buildSnsEnvelope(testEvent, 'arn:aws:sns:us-east-1:000000000000:t'),
    );
    const handleImage = jest.fn(async () => done);
    const event: SQSEvent = { Records: [sqsRecordFactory(body)] };

    const response = await createImageBatchHandler(createObservability('t'), handleImage)(
      event,
      lambdaContextFactory(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(handleImage).not.toHaveBeenCalled();
  });

  it('given a removal and an upload, then each goes to the handler of its kind and a deletion counts ImagesDeleted', async () => {
    const observability = createObservability('t');
    const addMetric = jest.spyOn(observability.metrics, 'addMetric');
    const routed: string[] = [];
    const handleImage = byEventKind({
      created: async (event) => {
        routed.push(`created ${event.imageId}`);
        return done;
      },
      removed: async (event) => {
        routed.push(`removed ${event.imageId}`);
        return { status: 'deleted', removedKeys: 3, durationMs: 1 };
      },
    });
    const removal = buildSqsBodyForObject({
      bucket: 'imgpipe-source',
      key: 'a b.jpg',
      sequencer: '02',
      eventName: 'ObjectRemoved:Delete',
    });

    const response = await createImageBatchHandler(observability, handleImage)(
      { Records: [sqsRecordFactory(removal), sqsRecordFactory(bodyFor('c.jpg', '03'))] },
      lambdaContextFactory(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(routed.sort()).toEqual(['created c.jpg', 'removed a b.jpg']);
    const counted = addMetric.mock.calls.map(([name]) => name);
    expect(counted.filter((name) => name === 'ImagesDeleted')).toHaveLength(1);
    expect(counted.filter((name) => name === 'ImagesProcessed')).toHaveLength(1);
  });

  it('given every record fails, then all are reported instead of the invocation throwing', async () => {
    const records = [sqsRecordFactory(bodyFor('a.jpg')), sqsRecordFactory(bodyFor('b.jpg'))];
    const handler = handlerWith(async () => {
      throw new Error('table missing');
    });

    const response = await handler({ Records: records }, lambdaContextFactory());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.map((r) => r.messageId),
    );
  });

  describe('given records handled concurrently', () => {
    beforeEach(() => {
      process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
    });
    afterEach(() => {
      process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
    });

    it("when their awaits interleave, then every log line carries its own record's messageId, imageId and correlation id", async () => {
      const keys = ['a.jpg', 'b.jpg', 'c.jpg'];
      const records = keys.map((key, index) => sqsRecordFactory(bodyFor(key, '01', `REQ${index}`)));
      const expected = new Map(
        keys.map((key, index) => [
          key,
          { messageId: records[index]?.messageId, correlation_id: `REQ${index}` },
        ]),
      );
      const entered = keys.map((key) => deferred(2_000, `${key} entered`));
      const observability = createObservability('test-service');
      const { logger } = observability;
      // As process-record would: log through the service logger, await, log again.
      const handler = createImageBatchHandler(
        observability,
        async (event) => {
          const index = keys.indexOf(event.imageId);
          logger.info('downloading');
          entered[index]?.resolve();
          // Each record goes on only once every record has logged, so their lines interleave.
          await Promise.all(entered.map((step) => step.promise));
          logger.info('transforming');
          await eventLoopHops(index + 1);
          if (event.imageId === 'c.jpg') throw new Error('DynamoDB throttled');
          return done;
        },
        { maxConcurrentImages: keys.length },
      );
      const capture = captureLogLines();

      const response = await handler({ Records: records }, lambdaContextFactory());

      const lines: LogLine[] = capture.stop();
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[2]?.messageId }]);
      expect(lines.slice(0, 3).map((line) => line['message'])).toEqual([
        'downloading',
        'downloading',
        'downloading',
      ]);
      expect(lines).toHaveLength(9);
      for (const line of lines) {
        expect(line).toMatchObject({
          service: 'test-service',
          ...expected.get(String(line['imageId'])),
        });
      }
      expect(
        lines.map((line) => `${String(line['imageId'])} ${String(line['message'])}`).sort(),
      ).toEqual([
        'a.jpg downloading',
        'a.jpg image processed',
        'a.jpg transforming',
        'b.jpg downloading',
        'b.jpg image processed',
        'b.jpg transforming',
        'c.jpg downloading',
        'c.jpg record failed: returned to the queue for retry',
        'c.jpg transforming',
      ]);
    });
  });

  it('given a batch of ten and a bound of three, then never more than three images are handled at once and one failure fails only its record', async () => {
    const records = Array.from({ length: 10 }, (_, i) => sqsRecordFactory(bodyFor(`img ${i}.jpg`)));
    let inFlight = 0;
    let peak = 0;
    const handler = handlerWith(async (event) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        await eventLoopHops(10);
        if (event.imageId === 'img 4.jpg') throw new Error('S3 timed out');
        return done;
      } finally {
        inFlight -= 1;
      }
    }, 3);

    const response = await handler({ Records: records }, lambdaContextFactory());

    expect(peak).toBe(3);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[4]?.messageId }]);
  });
});
