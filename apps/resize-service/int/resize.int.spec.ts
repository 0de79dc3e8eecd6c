import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
  S3ObjectStore,
} from '@imgpipe/aws';
import type { OutputStage } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import {
  decodePixels,
  expectColour,
  jpeg,
  pngWithAlpha,
  RED,
  textAsJpeg,
  waitFor,
} from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import sharp from 'sharp';

// Starting the stack and resizing real photos on a shared 2-core machine takes a while.
jest.setTimeout(180_000);

describe('resize-service through the local stack', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let store: S3ObjectStore;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['resize'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    store = new S3ObjectStore(s3);
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
  });
  afterAll(async () => {
    await local?.stop();
  });

  async function upload(key: string, body: Buffer, contentType: string): Promise<OutputStage> {
    await s3.send(
      new PutObjectCommand({
        Bucket: local.stack.buckets.source,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
    return waitFor(async () => (await records.get(key))?.resize, {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: `the resize stage of ${key}`,
    });
  }

  async function stored(key: string) {
    const bucket = local.stack.buckets.processed;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const body = await store.get(bucket, key);
    const meta = await sharp(body).metadata();
    return { head, body, meta };
  }

  it('given a turned photo under a key with spaces, unicode and +, when uploaded, then every size is stored upright with its type', async () => {
    const key = 'int/my photos/café + tea ☕.jpg';
    const photo = await jpeg({ width: 2000, height: 1500, orientation: 6, marker: RED });

    const stage = await upload(key, photo, 'image/jpeg');

    if (stage.status !== 'done')
      throw new Error(`resize ${stage.status}: ${JSON.stringify(stage)}`);
    const expected = [
      ['1600w', 1600, 1200],
      ['800w', 800, 600],
      ['320w', 320, 240],
      ['thumb-200', 200, 200],
    ].flatMap(([name, width, height]) => [
      [`resized/${key}/${name}.webp`, 'webp', width, height],
      [`resized/${key}/${name}.jpg`, 'jpeg', width, height],
    ]);
    expect(stage.outputs.map((o) => [o.key, o.format, o.width, o.height])).toEqual(expected);
    for (const output of stage.outputs) {
      const object = await stored(output.key);
      expect([
        object.meta.format,
        object.meta.width,
        object.meta.height,
        object.body.length,
      ]).toEqual([output.format, output.width, output.height, output.bytes]);
      expect([object.head.ContentType, object.head.CacheControl]).toEqual([
        output.format === 'webp' ? 'image/webp' : 'image/jpeg',
        'public, max-age=86400',
      ]);
    }
    const upright = await decodePixels(await stored(`resized/${key}/800w.jpg`));
    expectColour(upright.at(20, 20), RED, 40);
  });

  it('given a PNG with alpha narrower than 1600 px, when uploaded, then it gets its own width and a PNG fallback with alpha', async () => {
    const key = 'int/logo+alpha é.png';

    const stage = await upload(key, await pngWithAlpha({ width: 1000, height: 500 }), 'image/png');

    if (stage.status !== 'done')
      throw new Error(`resize ${stage.status}: ${JSON.stringify(stage)}`);
    expect(stage.outputs.map((o) => o.key.slice(`resized/${key}/`.length))).toEqual([
      '1000w.webp',
      '1000w.png',
      '800w.webp',
      '800w.png',
      '320w.webp',
      '320w.png',
      'thumb-200.webp',
      'thumb-200.png',
    ]);
    const png = await stored(`resized/${key}/800w.png`);
    expect([png.head.ContentType, png.meta.hasAlpha, png.meta.width, png.meta.height]).toEqual([
      'image/png',
      true,
      800,
      400,
    ]);
  });

  it('given text uploaded as .jpg, when processed, then the stage is rejected with a readable reason', async () => {
    const stage = await upload('int/notes.jpg', textAsJpeg(), 'image/jpeg');

    expect(stage).toMatchObject({
      status: 'rejected',
      code: 'not-an-image',
      reason: 'bytes are not an image (looks like text)',
    });
  });
});
