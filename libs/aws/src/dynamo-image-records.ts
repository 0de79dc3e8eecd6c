import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord } from '@imgpipe/event-schemas';
import type { ImageRecords, StageWrite, StageWriteResult } from './image-records';

/**
 * {@link ImageRecords} on DynamoDB: one conditional `UpdateItem` per stage write, so the
 * three services write their own attributes in any order without transactions.
 *
 * @example
 * const records = new DynamoImageRecords(createDynamoDbDocumentClient(config), 'imgpipe-images');
 * await records.writeStage({ imageId, stage: 'resize', value });
 */
export class DynamoImageRecords implements ImageRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(imageId: string): Promise<ImageRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { imageId }, ConsistentRead: true }),
    );
    return out.Item as ImageRecord | undefined;
  }

  async writeStage(write: StageWrite): Promise<StageWriteResult> {
    const names: Record<string, string> = { '#stage': write.stage, '#seq': 'sequencer' };
    const values: Record<string, unknown> = {
      ':stage': write.value,
      ':seq': write.value.sequencer,
    };
    const sets = ['#stage = :stage'];
    Object.entries(write.also ?? {}).forEach(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      sets.push(`#a${i} = :a${i}`);
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { imageId: write.imageId },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#stage) OR #stage.#seq < :seq',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'stale';
      throw error;
    }
  }
}
