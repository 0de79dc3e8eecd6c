import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { normalizeSequencer } from '@imgpipe/event-schemas';
import { createDynamoDbDocumentClient } from './clients';
import { DynamoImageRecords } from './dynamo-image-records';
import { imageTableDefinition } from './image-table';

// dynalite is a real DynamoDB protocol server: this proves the condition expression
// itself, which the mocked tests cannot.
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

describe('DynamoImageRecords against a DynamoDB protocol server', () => {
  const server = dynalite({ createTableMs: 0 });
  let records: DynamoImageRecords;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = {
      region: 'us-east-1',
      endpoints: { dynamodb: endpoint },
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    };
    await new DynamoDBClient({
      region: config.region,
      endpoint,
      credentials: config.credentials,
    }).send(new CreateTableCommand(imageTableDefinition('imgpipe-images')));
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), 'imgpipe-images');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const seq = (hex: string) => normalizeSequencer(hex);

  it('given stages written out of order by different services, then each keeps the newest and the others survive', async () => {
    const imageId = 'ünï cødé/a+b.jpg';

    expect(
      await records.writeStage({
        imageId,
        stage: 'resize',
        value: { sequencer: seq('0100'), status: 'done', n: 2 },
      }),
    ).toBe('written');
    expect(
      await records.writeStage({
        imageId,
        stage: 'resize',
        value: { sequencer: seq('FF'), status: 'done', n: 1 },
      }),
    ).toBe('stale');
    expect(
      await records.writeStage({
        imageId,
        stage: 'resize',
        value: { sequencer: seq('0100'), status: 'done', n: 3 },
      }),
    ).toBe('stale');
    expect(
      await records.writeStage({
        imageId,
        stage: 'image',
        value: { sequencer: seq('FF'), status: 'done' },
        also: { ownerId: 'ana' },
      }),
    ).toBe('written');

    expect(await records.get(imageId)).toEqual({
      imageId,
      ownerId: 'ana',
      resize: { sequencer: seq('0100'), status: 'done', n: 2 },
      image: { sequencer: seq('FF'), status: 'done' },
    });
  });

  it('given a newer upload of the same key, then its write replaces the older stage', async () => {
    await records.writeStage({
      imageId: 'k.jpg',
      stage: 'watermark',
      value: { sequencer: seq('01'), status: 'rejected', reason: 'corrupt' },
    });

    expect(
      await records.writeStage({
        imageId: 'k.jpg',
        stage: 'watermark',
        value: { sequencer: seq('02'), status: 'done' },
      }),
    ).toBe('written');
    expect((await records.get('k.jpg'))?.watermark).toEqual({
      sequencer: seq('02'),
      status: 'done',
    });
  });
});
