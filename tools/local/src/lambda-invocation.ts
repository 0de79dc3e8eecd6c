import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttributes,
  SQSRecord,
} from 'aws-lambda';

/** Where a batch came from: the queue's ARN and region, as Lambda's event source mapping has them. */
export interface EventSource {
  readonly queueArn: string;
  readonly region: string;
}

function messageAttributes(message: Message): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    out[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((bytes) =>
        Buffer.from(bytes).toString('base64'),
      ),
    };
  }
  return out;
}

/**
 * Turns one received SQS message into the record Lambda hands a function: the same field
 * names (`messageId`, `md5OfBody`, lower-case `attributes` values as strings, binary
 * attribute values base64), `eventSource` `aws:sqs`.
 *
 * @example
 * const record = toSqsRecord(message, { queueArn, region: 'us-east-1' });
 * record.attributes.ApproximateReceiveCount; // '1'
 */
export function toSqsRecord(message: Message, source: EventSource): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '0',
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '0',
    },
    messageAttributes: messageAttributes(message),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
}

/**
 * The `SQSEvent` for a batch of received messages.
 *
 * @example
 * await handler(toSqsEvent(out.Messages ?? [], source), context);
 */
export function toSqsEvent(messages: readonly Message[], source: EventSource): SQSEvent {
  return { Records: messages.map((message) => toSqsRecord(message, source)) };
}

/** What happened to each record of a batch once the handler returned or threw. */
export interface BatchSettlement {
  /** Acknowledged: delete these from the queue. */
  readonly succeeded: readonly SQSRecord[];
  /** Left to the visibility timeout, so SQS delivers them again (or moves them to the DLQ). */
  readonly failed: readonly SQSRecord[];
  /** Why the whole batch failed, when it did. */
  readonly batchError?: string;
}

/**
 * Decides, as Lambda's event source mapping with `ReportBatchItemFailures` does, which
 * records to delete: all but those listed in `batchItemFailures`. A handler that threw,
 * or a response naming an identifier that is not in the batch, fails the whole batch.
 *
 * @example
 * settleBatch(event.Records, { batchItemFailures: [{ itemIdentifier: 'id-2' }] });
 * // { succeeded: [record 1, record 3], failed: [record 2] }
 */
export function settleBatch(
  records: readonly SQSRecord[],
  outcome: { readonly response: SQSBatchResponse | void } | { readonly thrown: unknown },
): BatchSettlement {
  if ('thrown' in outcome) {
    const error = outcome.thrown;
    return {
      succeeded: [],
      failed: [...records],
      batchError: error instanceof Error ? error.message : String(error),
    };
  }
  const failures = outcome.response?.batchItemFailures ?? [];
  const ids = new Set(records.map((record) => record.messageId));
  const invalid = failures.find(
    (failure) => !failure.itemIdentifier || !ids.has(failure.itemIdentifier),
  );
  if (invalid) {
    return {
      succeeded: [],
      failed: [...records],
      batchError: `batchItemFailures names "${invalid.itemIdentifier}", which is not in the batch`,
    };
  }
  const failed = new Set(failures.map((failure) => failure.itemIdentifier));
  return {
    succeeded: records.filter((record) => !failed.has(record.messageId)),
    failed: records.filter((record) => failed.has(record.messageId)),
  };
}

/** The function a local service plays, for its Lambda context. */
export interface FunctionIdentity {
  readonly functionName: string;
  readonly region: string;
  readonly timeoutMs: number;
  /** The function's memory setting, which `context.memoryLimitInMB` reports. */
  readonly memoryMb?: number;
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(
      `context.${name}() is not supported by the local runner: return a promise instead`,
    );
  };
}

/**
 * A Lambda `Context` for one invocation, with a fresh request id and a remaining time
 * counted from now.
 *
 * @example
 * const context = createLambdaContext({ functionName: 'imgpipe-resize', region, timeoutMs: 5000 });
 */
export function createLambdaContext(
  identity: FunctionIdentity,
  now: () => number = Date.now,
): Context {
  const deadline = now() + identity.timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: identity.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${identity.region}:000000000000:function:${identity.functionName}`,
    memoryLimitInMB: String(identity.memoryMb ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${identity.functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
