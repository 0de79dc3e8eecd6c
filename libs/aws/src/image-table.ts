import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The image table's index for listing an owner's images by upload time. */
export const BY_OWNER_INDEX = 'byOwner';

/**
 * The image table as DESIGN.md §4 defines it (partition key `imageId`, GSI `byOwner` on
 * `ownerId` + `uploadedAt`, on-demand), for creating it on a local DynamoDB. On AWS the
 * same table comes from the CDK platform stack.
 *
 * @example
 * await dynamodb.send(new CreateTableCommand(imageTableDefinition('imgpipe-images')));
 */
export function imageTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'imageId', AttributeType: 'S' },
      { AttributeName: 'ownerId', AttributeType: 'S' },
      { AttributeName: 'uploadedAt', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'imageId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: BY_OWNER_INDEX,
        KeySchema: [
          { AttributeName: 'ownerId', KeyType: 'HASH' },
          { AttributeName: 'uploadedAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
