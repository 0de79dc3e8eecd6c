import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  DynamoImageRecords,
} from '@imgpipe/aws';
import type { ImageRecord, OutputFile } from '@imgpipe/event-schemas';
import { isRecordComplete } from '@imgpipe/event-schemas';
import type { LocalStack } from '@imgpipe/testing';
import { BLUE, RED, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import sharp from 'sharp';

// Made by tools/samples/generate-heic.ts (see tools/samples/README.md).
const heic = (name: string): Promise<Buffer> =>
  readFile(join(__dirname, '../../samples/heic', name));

// An iPhone photo's path through every service: sharp cannot decode HEVC, so imaging
// decodes it in WebAssembly, and each stage must still see an upright picture.
describe('HEIC through the local stack', () => {
  let local: LocalStack;
  let s3: ReturnType<typeof createS3Client>;
  let records: DynamoImageRecords;

  beforeAll(async () => {
    local = await startLocalStack({ services: ['resize', 'watermark', 'metadata'] });
    const config = awsConfigFromStack(local.stack);
    s3 = createS3Client(config);
    records = new DynamoImageRecords(createDynamoDbDocumentClient(config), local.stack.table);
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  async function upload(key: string, body: Buffer): Promise<ImageRecord> {
    await s3.send(
      new PutObjectCommand({
        Bucket: local.stack.buckets.source,
        Key: key,
        Body: body,
        ContentType: 'image/heic',
      }),
    );
    return waitFor(
      async () => {
        const record = await records.get(key);
        return isRecordComplete(record) ? record : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: `a complete record for ${key}` },
    );
  }

  /** The stored output, decoded: its size as recorded and the colours of two corners. */
  async function decoded(output: OutputFile) {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: local.stack.buckets.processed, Key: output.key }),
    );
    const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const near = (x: number, y: number, colour: typeof RED): boolean => {
      const at = (y * info.width + x) * info.channels;
      const [r = -1, g = -1, b = -1] = data.subarray(at, at + 3);
      return [r - colour.r, g - colour.g, b - colour.b].every((d) => Math.abs(d) <= 40);
    };
    return {
      key: output.key,
      size: [info.width, info.height],
      recorded: [output.width, output.height],
      markerTopLeft: near(2, 2, RED),
      restBlue: near(info.width - 3, info.height - 3, BLUE),
    };
  }

  it('given an iPhone-style HEIC stored sideways, then all three stages are done with the upright size, its EXIF and upright outputs', async () => {
    const key = 'phone/IMG_0042.HEIC';

    const record = await upload(key, await heic('iphone-orientation-6.heic'));

    expect(record.image).toMatchObject({
      status: 'done',
      format: 'heic',
      width: 64,
      height: 48,
      orientation: 6,
      exif: {
        make: 'Apple',
        model: 'iPhone 15 Pro',
        takenAt: '2025-08-02T18:45:10+01:00',
        iso: 80,
        gps: { latitude: expect.closeTo(51.5007, 4), longitude: expect.closeTo(-0.1246, 4) },
      },
    });
    expect([record.resize?.status, record.watermark?.status]).toEqual(['done', 'done']);
    const outputs = [record.resize, record.watermark].flatMap((stage) =>
      stage?.status === 'done' ? stage.outputs : [],
    );
    const widest = outputs.filter((o) => !o.key.includes('/thumb-'));
    expect(widest.map((o) => o.key).sort()).toEqual([
      `resized/${key}/64w.jpg`,
      `resized/${key}/64w.webp`,
      `watermarked/${key}.jpg`,
    ]);
    for (const output of widest) {
      expect(await decoded(output)).toEqual({
        key: output.key,
        size: [64, 48],
        recorded: [64, 48],
        markerTopLeft: true,
        restBlue: true,
      });
    }
  }, 120_000);

  it('given a HEIC whose picture data is corrupt, then every stage records it rejected as corrupt with a reason', async () => {
    const record = await upload('phone/broken.heic', await heic('corrupt-picture-data.heic'));

    for (const stage of [record.image, record.resize, record.watermark]) {
      expect(stage).toMatchObject({
        status: 'rejected',
        code: 'corrupt',
        reason: expect.stringContaining('HEIC picture data cannot be decoded'),
      });
    }
  }, 120_000);
});
