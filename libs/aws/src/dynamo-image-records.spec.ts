import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoImageRecords } from './dynamo-image-records';

describe('DynamoImageRecords error paths', () => {
  const db = mockClient(DynamoDBDocumentClient);
  const records = new DynamoImageRecords(db as unknown as DynamoDBDocumentClient, 'imgpipe-images');
  const write = {
    imageId: 'a.jpg',
    stage: 'resize' as const,
    value: { sequencer: '01', status: 'done' },
  };
  beforeEach(() => db.reset());

  it('given the condition fails (a same-or-newer event is recorded), then the write is stale, not an error', async () => {
    db.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
      }),
    );

    await expect(records.writeStage(write)).resolves.toBe('stale');
  });

  it('given throttling, then the error propagates for a retry', async () => {
    const throttled = new ProvisionedThroughputExceededException({
      message: 'slow down',
      $metadata: {},
    });
    db.on(UpdateCommand).rejects(throttled);

    await expect(records.writeStage(write)).rejects.toBe(throttled);
  });

  it('given extra attributes, then one conditional update sets the stage and each of them', async () => {
    db.on(UpdateCommand).resolves({});

    await records.writeStage({ ...write, also: { ownerId: 'ana', uploadedAt: 't' } });

    expect(db.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      UpdateExpression: 'SET #stage = :stage, #a0 = :a0, #a1 = :a1',
      ConditionExpression: 'attribute_not_exists(#stage) OR #stage.#seq < :seq',
      ExpressionAttributeNames: {
        '#stage': 'resize',
        '#seq': 'sequencer',
        '#a0': 'ownerId',
        '#a1': 'uploadedAt',
      },
      ExpressionAttributeValues: { ':seq': '01', ':a0': 'ana', ':a1': 't' },
    });
  });
});
