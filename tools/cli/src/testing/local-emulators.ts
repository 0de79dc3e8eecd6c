import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { imageTableDefinition } from '@imgpipe/aws';
import type { StackDescription } from '@imgpipe/aws';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/** Real S3 and DynamoDB protocol servers on 127.0.0.1, and a stack description pointing at them. */
export interface LocalEmulators {
  readonly stack: StackDescription;
  /** A folder holding `.imgpipe/stack.json`, as the repo root does while `npm start` runs. */
  readonly root: string;
  readonly stackFile: string;
  stop(): Promise<void>;
}

const unused = 'http://127.0.0.1:9';

function queue(name: string) {
  const arn = `arn:aws:sqs:us-east-1:000000000000:${name}`;
  return {
    name,
    url: `${unused}/${name}`,
    arn,
    dlqName: `${name}-dlq`,
    dlqUrl: `${unused}/${name}-dlq`,
    dlqArn: `${arn}-dlq`,
  };
}

/**
 * Starts s3rver (objects in a temp folder) and an in-memory dynalite on free ports, with
 * the two buckets and the image table (with its `byOwner` index), and writes a stack
 * description the way the local stack does. For integration tests.
 *
 * @example
 * const emulators = await startLocalEmulators();
 * afterAll(() => emulators.stop());
 */
export async function startLocalEmulators(): Promise<LocalEmulators> {
  const root = await mkdtemp(join(tmpdir(), 'imgpipe-cli-int-'));
  const buckets = { source: 'imgpipe-source', processed: 'imgpipe-processed' };
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(root, 's3'),
    configureBuckets: [
      { name: buckets.source, configs: [] },
      { name: buckets.processed, configs: [] },
    ],
  });
  const s3Address = await s3.run();
  const db = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', resolve));
  const dbPort = (db.address() as AddressInfo).port;

  const stack: StackDescription = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // Bare emulators, no IAM gateway: the CLI's operator key is the one s3rver knows.
    principals: { operator: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
    endpoints: {
      s3: `http://127.0.0.1:${s3Address.port}`,
      sns: unused,
      sqs: unused,
      dynamodb: `http://127.0.0.1:${dbPort}`,
    },
    buckets,
    topicArn: 'arn:aws:sns:us-east-1:000000000000:imgpipe-uploads',
    table: 'imgpipe-images',
    queues: {
      resize: queue('resize-queue'),
      watermark: queue('watermark-queue'),
      metadata: queue('metadata-queue'),
    },
    dataDir: root,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  await createImageTable(stack);
  const stackFile = join(root, '.imgpipe', 'stack.json');
  await mkdir(join(root, '.imgpipe'));
  await writeFile(stackFile, JSON.stringify(stack, null, 2));

  return {
    stack,
    root,
    stackFile,
    stop: async () => {
      await s3.close();
      await new Promise((resolve) => db.close(resolve));
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function createImageTable(stack: StackDescription): Promise<void> {
  const client = new DynamoDBClient({
    region: stack.region,
    endpoint: stack.endpoints.dynamodb,
    credentials: stack.credentials,
  });
  await client.send(new CreateTableCommand(imageTableDefinition(stack.table)));
  client.destroy();
}
