import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * An SQS record as Lambda's event source mapping delivers it, around `body`.
 *
 * @example
 * const record = sqsRecordFactory(buildSqsBodyForObject({ bucket, key, sequencer: '01' }));
 */
export function sqsRecordFactory(body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  const messageId = overrides.messageId ?? randomUUID();
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAIMGPIPE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-test',
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

/**
 * An SQS event of the given bodies.
 *
 * @example
 * const event = sqsEventFactory([bodyA, bodyB]);
 */
export function sqsEventFactory(bodies: readonly string[]): SQSEvent {
  return { Records: bodies.map((body) => sqsRecordFactory(body)) };
}

/**
 * A Lambda context good enough for handlers run outside Lambda.
 *
 * @example
 * await handler(event, lambdaContextFactory('resize-service'));
 */
export function lambdaContextFactory(functionName = 'imgpipe-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
