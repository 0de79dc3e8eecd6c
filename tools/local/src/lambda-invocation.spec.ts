import type { Message } from '@aws-sdk/client-sqs';
import { createLambdaContext, settleBatch, toSqsEvent, toSqsRecord } from './lambda-invocation';

const source = {
  queueArn: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-resize',
  region: 'us-east-1',
};

function message(id: string, overrides: Partial<Message> = {}): Message {
  return {
    MessageId: id,
    ReceiptHandle: `receipt-${id}`,
    Body: `{"id":"${id}"}`,
    MD5OfBody: `md5-${id}`,
    Attributes: {
      ApproximateReceiveCount: '2',
      SentTimestamp: '1700000000000',
      SenderId: 'AIDA',
      ApproximateFirstReceiveTimestamp: '1700000000100',
    },
    ...overrides,
  };
}

describe('toSqsRecord', () => {
  it('given a received message, when converted, then it has the fields Lambda gives a function', () => {
    const record = toSqsRecord(message('m1'), source);

    expect(record).toEqual({
      messageId: 'm1',
      receiptHandle: 'receipt-m1',
      body: '{"id":"m1"}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1700000000100',
      },
      messageAttributes: {},
      md5OfBody: 'md5-m1',
      eventSource: 'aws:sqs',
      eventSourceARN: source.queueArn,
      awsRegion: 'us-east-1',
    });
  });

  it('given message attributes, when converted, then names keep their case and binary values become base64', () => {
    const record = toSqsRecord(
      message('m1', {
        MD5OfMessageAttributes: 'md5-attrs',
        MessageAttributes: {
          traceId: { DataType: 'String', StringValue: 'abc' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 255]) },
        },
      }),
      source,
    );

    expect(record.md5OfMessageAttributes).toBe('md5-attrs');
    expect(record.messageAttributes).toEqual({
      traceId: {
        dataType: 'String',
        stringValue: 'abc',
        stringListValues: [],
        binaryListValues: [],
      },
      blob: { dataType: 'Binary', binaryValue: 'AQL/', stringListValues: [], binaryListValues: [] },
    });
  });

  it('given a message without system attributes, when converted, then the required ones are filled in', () => {
    const record = toSqsRecord(message('m1', { Attributes: undefined }), source);

    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(record.attributes.SentTimestamp).toBe('0');
  });
});

describe('toSqsEvent', () => {
  it('keeps the order of the received messages', () => {
    const event = toSqsEvent([message('a'), message('b'), message('c')], source);

    expect(event.Records.map((record) => record.messageId)).toEqual(['a', 'b', 'c']);
  });
});

describe('settleBatch', () => {
  const records = toSqsEvent([message('a'), message('b'), message('c')], source).Records;
  const ids = (list: readonly { messageId: string }[]) => list.map((record) => record.messageId);

  it('given no response, when settled, then every record is deleted', () => {
    const settlement = settleBatch(records, { response: undefined });

    expect(ids(settlement.succeeded)).toEqual(['a', 'b', 'c']);
    expect(settlement.failed).toEqual([]);
  });

  it('given batchItemFailures, when settled, then all but the listed records are deleted', () => {
    const settlement = settleBatch(records, {
      response: { batchItemFailures: [{ itemIdentifier: 'b' }] },
    });

    expect(ids(settlement.succeeded)).toEqual(['a', 'c']);
    expect(ids(settlement.failed)).toEqual(['b']);
    expect(settlement.batchError).toBeUndefined();
  });

  it('given a handler that threw, when settled, then the whole batch is left for a retry', () => {
    const settlement = settleBatch(records, { thrown: new Error('table unavailable') });

    expect(settlement.succeeded).toEqual([]);
    expect(ids(settlement.failed)).toEqual(['a', 'b', 'c']);
    expect(settlement.batchError).toBe('table unavailable');
  });

  it.each([[''], ['not-in-batch']])(
    'given a failure naming "%s", when settled, then the whole batch fails as on Lambda',
    (itemIdentifier) => {
      const settlement = settleBatch(records, {
        response: { batchItemFailures: [{ itemIdentifier }] },
      });

      expect(settlement.succeeded).toEqual([]);
      expect(ids(settlement.failed)).toEqual(['a', 'b', 'c']);
      expect(settlement.batchError).toContain('not in the batch');
    },
  );
});

describe('createLambdaContext', () => {
  it('gives the function its name, an ARN and a remaining time counting down from the timeout', () => {
    let now = 1_000;
    const context = createLambdaContext(
      { functionName: 'imgpipe-resize', region: 'eu-west-1', timeoutMs: 5_000 },
      () => now,
    );

    expect(context.functionName).toBe('imgpipe-resize');
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:eu-west-1:000000000000:function:imgpipe-resize',
    );
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.getRemainingTimeInMillis()).toBe(5_000);
    now = 4_500;
    expect(context.getRemainingTimeInMillis()).toBe(1_500);
    now = 9_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('gives each invocation its own request id', () => {
    const identity = { functionName: 'f', region: 'us-east-1', timeoutMs: 1 };

    expect(createLambdaContext(identity).awsRequestId).not.toBe(
      createLambdaContext(identity).awsRequestId,
    );
  });
});
