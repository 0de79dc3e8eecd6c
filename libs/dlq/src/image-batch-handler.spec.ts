import type { ImageEvent } from '@imgpipe/event-schemas';
import { buildSnsEnvelope, buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { createObservability } from '@imgpipe/observability';
import { lambdaContextFactory, sqsRecordFactory } from '@imgpipe/testing';
import type { SQSEvent } from 'aws-lambda';
import { createImageBatchHandler } from './image-batch-handler';
import type { StageOutcome } from './run-stage';

const done: StageOutcome = { status: 'done', durationMs: 1, bytesIn: 1, bytesOut: 1 };

function bodyFor(key: string, sequencer = '01'): string {
  return buildSqsBodyForObject({ bucket: 'imgpipe-source', key, sequencer, size: 3 });
}

describe('createImageBatchHandler', () => {
  beforeAll(() => {
    process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  });

  function handlerWith(handleImage: (event: ImageEvent) => Promise<StageOutcome>) {
    return createImageBatchHandler(createObservability('test-service'), handleImage);
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
    const handler = handlerWith(async () => ({ status: 'rejected', code: 'corrupt', reason: 'truncated', durationMs: 2 }));

    const response = await handler({ Records: [sqsRecordFactory(bodyFor('bad.jpg'))] }, lambdaContextFactory());

    expect(response.batchItemFailures).toEqual([]);
  });

  it('given keys with spaces, unicode and a plus, then the handler sees them decoded', async () => {
    const keys = ['my photos/a b.jpg', 'ünïcødé/日本.png', 'c++ & tea+.webp', '100% real.gif'];
    const seen: string[] = [];
    const handler = handlerWith(async (event) => {
      seen.push(event.key);
      return done;
    });

    await handler({ Records: keys.map((key) => sqsRecordFactory(bodyFor(key))) }, lambdaContextFactory());

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
    const testEvent = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: 't', Bucket: 'b' });
    const body = JSON.stringify(buildSnsEnvelope(testEvent, 'arn:aws:sns:us-east-1:000000000000:t'));
    const handleImage = jest.fn(async () => done);
    const event: SQSEvent = { Records: [sqsRecordFactory(body)] };

    const response = await createImageBatchHandler(createObservability('t'), handleImage)(event, lambdaContextFactory());

    expect(response.batchItemFailures).toEqual([]);
    expect(handleImage).not.toHaveBeenCalled();
  });

  it('given every record fails, then all are reported instead of the invocation throwing', async () => {
    const records = [sqsRecordFactory(bodyFor('a.jpg')), sqsRecordFactory(bodyFor('b.jpg'))];
    const handler = handlerWith(async () => {
      throw new Error('table missing');
    });

    const response = await handler({ Records: records }, lambdaContextFactory());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(records.map((r) => r.messageId));
  });
});
