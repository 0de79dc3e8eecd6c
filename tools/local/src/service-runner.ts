import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueuePair } from '@imgpipe/aws';
import { STAGE_OF_SERVICE, parseImageEvents } from '@imgpipe/event-schemas';
import type { SQSRecord } from 'aws-lambda';
import type { ServiceName } from './cli-options';
import { localFaults } from './faults/fault-controller';
import { createLambdaContext, settleBatch, toSqsEvent } from './lambda-invocation';
import type { BatchSettlement } from './lambda-invocation';
import { outcomeFromStage } from './outcome';
import type { ImageOutcome } from './outcome';
import type { SqsHandler } from './service-handlers';

/** What one service's runner needs. */
export interface RunnerDeps {
  readonly service: ServiceName;
  readonly handler: SqsHandler;
  readonly sqs: SQSClient;
  readonly db: DynamoDBDocumentClient;
  readonly queue: QueuePair;
  readonly table: string;
  readonly region: string;
  readonly batchSize: number;
  readonly waitTimeSeconds: number;
  readonly maxReceiveCount: number;
  /** The function timeout the Lambda context reports. */
  readonly timeoutMs: number;
  readonly report: (outcome: ImageOutcome) => void;
  readonly warn: (message: string) => void;
}

/** The image keys a record carries, or a stand-in when its body does not parse. */
function keysOf(record: SQSRecord): string[] {
  try {
    return parseImageEvents(record.body).map((event) => event.key);
  } catch {
    return [`(malformed message ${record.messageId})`];
  }
}

/**
 * Plays Lambda's SQS event source mapping for one service: long-polls its queue, hands each
 * batch to the unchanged handler, deletes what succeeded and leaves `batchItemFailures` to
 * the visibility timeout (after `maxReceiveCount` receives, fauxqs moves them to the DLQ).
 *
 * @example
 * const runner = new ServiceRunner(deps);
 * runner.start();
 * await runner.stop(); // lets the batch in hand finish
 */
export class ServiceRunner {
  private stopping = false;
  private inBatch = false;
  private empty = 0;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly deps: RunnerDeps) {}

  /** Whether a batch is being handled right now. */
  get busy(): boolean {
    return this.inBatch;
  }

  /** How many polls in a row came back empty. */
  get emptyPolls(): number {
    return this.empty;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops polling and resolves once the batch in hand (if any) is settled. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let messages: Message[];
      try {
        const out = await this.deps.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.deps.queue.url,
            MaxNumberOfMessages: this.deps.batchSize,
            WaitTimeSeconds: this.deps.waitTimeSeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: this.abort.signal },
        );
        messages = out.Messages ?? [];
      } catch (error) {
        if (this.stopping) return;
        this.deps.warn(
          `${this.deps.service}: receiving from ${this.deps.queue.name} failed: ${String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (messages.length === 0) {
        this.empty += 1;
        continue;
      }
      this.empty = 0;
      this.inBatch = true;
      try {
        await this.handleBatch(messages);
      } catch (error) {
        this.deps.warn(`${this.deps.service}: settling a batch failed: ${String(error)}`);
      } finally {
        this.inBatch = false;
      }
    }
  }

  private async handleBatch(messages: Message[]): Promise<void> {
    const { deps } = this;
    const event = toSqsEvent(messages, { queueArn: deps.queue.arn, region: deps.region });
    const context = createLambdaContext({
      functionName: `imgpipe-${deps.service}`,
      region: deps.region,
      timeoutMs: deps.timeoutMs,
    });
    let settlement: BatchSettlement;
    try {
      // A `handler-throws` fault switched on at run time stands for a bug in the handler.
      localFaults.beforeHandler(deps.service, event.Records.length);
      settlement = settleBatch(event.Records, { response: await deps.handler(event, context) });
    } catch (thrown) {
      settlement = settleBatch(event.Records, { thrown });
    }
    if (settlement.succeeded.length > 0) {
      const { Failed = [] } = await deps.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: deps.queue.url,
          Entries: settlement.succeeded.map((record, i) => ({
            Id: String(i),
            ReceiptHandle: record.receiptHandle,
          })),
        }),
      );
      // The call answers 200 with the entries it could not delete; those come back.
      if (Failed.length > 0) {
        const which = Failed.map(
          (entry) => `${settlement.succeeded[Number(entry.Id)]?.messageId}: ${entry.Code}`,
        );
        deps.warn(
          `${deps.service}: SQS did not delete ${Failed.length} of ${settlement.succeeded.length} processed messages (${which.join(', ')}); each will be delivered again`,
        );
      }
    }
    for (const record of settlement.failed) {
      const receives = Number(record.attributes.ApproximateReceiveCount);
      const next =
        receives >= deps.maxReceiveCount ? 'next: DLQ' : 'retry after the visibility timeout';
      const error = `${settlement.batchError ?? 'reported in batchItemFailures'} (receive ${receives} of ${deps.maxReceiveCount}, ${next})`;
      for (const key of keysOf(record))
        deps.report({ kind: 'retry', service: deps.service, key, error });
    }
    for (const record of settlement.succeeded) {
      for (const key of keysOf(record)) deps.report(await this.outcomeOf(key));
    }
  }

  private async outcomeOf(key: string): Promise<ImageOutcome> {
    const stage = STAGE_OF_SERVICE[`${this.deps.service}-service`];
    const out = await this.deps.db.send(
      new GetCommand({ TableName: this.deps.table, Key: { imageId: key }, ConsistentRead: true }),
    );
    return outcomeFromStage(this.deps.service, key, out.Item?.[stage]);
  }
}
