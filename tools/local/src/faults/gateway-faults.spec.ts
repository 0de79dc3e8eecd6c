import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createIamGateway } from '../iam/iam-gateway';
import { adminPrincipal } from '../iam/local-principals';
import { PolicyCheck } from '../iam/policy-check';
import { FaultController } from './fault-controller';
import { parseFaultSpec } from './fault-spec';

// The real SDK clients read what an injected fault answers, through a real gateway.
describe('faults injected by the IAM gateway', () => {
  const admin = adminPrincipal({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  const reached: string[] = [];
  const faults = new FaultController();
  const servers: Server[] = [];
  const endpoints: Record<'s3' | 'dynamodb', string> = { s3: '', dynamodb: '' };
  const clientOptions = (endpoint: string) => ({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    maxAttempts: 1,
  });

  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    const upstream = await listen(
      createServer((req, res) => {
        reached.push(`${req.method} ${req.url}`);
        req.resume().on('end', () => {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          res.end('{}');
        });
      }),
    );
    for (const family of ['s3', 'dynamodb'] as const) {
      endpoints[family] = await listen(
        createIamGateway({
          family,
          upstream,
          principalOf: (key) => (key === admin.accessKeyId ? admin : undefined),
          policy: new PolicyCheck(),
          onDenied: () => undefined,
          onError: () => undefined,
          faults,
        }),
      );
    }
  });
  beforeEach(() => (reached.length = 0));
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('given an S3 write fault, when a 1 MB object is put, then the SDK sees SlowDown and InternalError and the emulator nothing', async () => {
    const fault = faults.switchOn(
      parseFaultSpec({ kind: 's3-put-object', statuses: [503, 500], buckets: ['processed'] }),
    );
    const s3 = new S3Client({ ...clientOptions(endpoints.s3), forcePathStyle: true });
    const put = () =>
      s3.send(
        new PutObjectCommand({
          Bucket: 'processed',
          Key: 'resized/a.jpg',
          Body: Buffer.alloc(1 << 20),
        }),
      );

    const first = await put().catch((error: unknown) => error);
    const second = await put().catch((error: unknown) => error);
    faults.switchOff(fault.id);
    await put();

    expect(first).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
    expect(second).toMatchObject({ name: 'InternalError', $metadata: { httpStatusCode: 500 } });
    expect(fault.failed).toBe(2);
    expect(reached).toEqual(['PUT /processed/resized/a.jpg?x-id=PutObject']);
  });

  it('given DynamoDB throttling, then the SDK throws ProvisionedThroughputExceededException and the emulator sees nothing', async () => {
    const fault = faults.switchOn(parseFaultSpec({ kind: 'dynamodb-throttle' }));
    const db = new DynamoDBClient(clientOptions(endpoints.dynamodb));

    const error = await db
      .send(new GetItemCommand({ TableName: 'images', Key: { imageId: { S: 'a.jpg' } } }))
      .catch((thrown: unknown) => thrown);
    faults.switchOff(fault.id);

    expect(error).toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(fault.failed).toBe(1);
    expect(reached).toEqual([]);
  });
});
