import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIamGateway } from './iam-gateway';
import { adminPrincipal, localPrincipals } from './local-principals';
import type { LocalPrincipal, LocalResources } from './local-principals';
import { PolicyCheck } from './policy-check';

const resources: LocalResources = {
  region: 'us-east-1',
  buckets: { source: 'imgpipe-source', processed: 'imgpipe-processed' },
  table: 'imgpipe-images',
  topicArn: 'arn:aws:sns:us-east-1:000000000000:imgpipe-uploads',
  queues: Object.fromEntries(
    ['resize', 'watermark', 'metadata'].map((name) => [
      name,
      {
        name: `imgpipe-${name}`,
        url: `http://127.0.0.1/000000000000/imgpipe-${name}`,
        arn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${name}`,
        dlqName: `imgpipe-${name}-dlq`,
        dlqUrl: `http://127.0.0.1/000000000000/imgpipe-${name}-dlq`,
        dlqArn: `arn:aws:sqs:us-east-1:000000000000:imgpipe-${name}-dlq`,
      },
    ]),
  ) as LocalResources['queues'],
};

interface Answer {
  readonly status: number;
  readonly body: string;
}

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function call(
  port: number,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body = '',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signedBy = (principal: LocalPrincipal, service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${principal.accessKeyId}/20261127/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
});

describe('IAM gateway', () => {
  const principals = [
    adminPrincipal({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
    ...localPrincipals(resources, new Set(['watermark-service:ListSourceBucket'])),
  ];
  const named = (name: string) =>
    principals.find((principal) => principal.name === name) as LocalPrincipal;
  const reached: string[] = [];
  const denied: string[] = [];
  let upstream: Server;
  let s3: Server;
  let api: Server;
  let s3Port: number;
  let apiPort: number;

  beforeAll(async () => {
    // Stands in for an emulator: every object is missing, every API call succeeds.
    upstream = createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(req.url?.startsWith('/imgpipe-source/') ? 404 : 200);
        res.end(req.method === 'HEAD' ? undefined : 'upstream');
      });
    });
    const upstreamPort = await listenOn(upstream);
    const options = {
      upstream: `http://127.0.0.1:${upstreamPort}`,
      principalOf: (key: string) => principals.find((principal) => principal.accessKeyId === key),
      policy: new PolicyCheck(),
      onDenied: (line: string) => denied.push(line),
      onError: (line: string) => denied.push(line),
    };
    s3 = createIamGateway({ ...options, family: 's3' });
    api = createIamGateway({ ...options, family: 'dynamodb' });
    s3Port = await listenOn(s3);
    apiPort = await listenOn(api);
  });
  beforeEach(() => {
    reached.length = 0;
    denied.length = 0;
  });
  afterAll(async () => {
    for (const server of [s3, api, upstream]) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('given a write outside the service prefix, then S3 answers 403 AccessDenied naming the action and the emulator never sees it', async () => {
    const answer = await call(
      s3Port,
      'PUT',
      '/imgpipe-processed/watermarked/a.jpg',
      signedBy(named('resize-service'), 's3'),
      'x',
    );

    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
    expect(answer.body).toContain(
      'is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::imgpipe-processed/watermarked/a.jpg',
    );
    expect(reached).toEqual([]);
    expect(denied).toEqual([
      'iam: denied resize-service s3:PutObject on arn:aws:s3:::imgpipe-processed/watermarked/a.jpg',
    ]);
  });

  it('given a write inside its own prefix, then it reaches the emulator unchanged', async () => {
    const answer = await call(
      s3Port,
      'PUT',
      '/imgpipe-processed/resized/a%20b.jpg/320w.webp',
      signedBy(named('resize-service'), 's3'),
      'x',
    );

    expect(answer).toEqual({ status: 200, body: 'upstream' });
    expect(reached).toEqual(['PUT /imgpipe-processed/resized/a%20b.jpg/320w.webp']);
  });

  it('given a HEAD of a missing key, then a caller with s3:ListBucket gets 404 and one without gets 403', async () => {
    const withList = await call(
      s3Port,
      'HEAD',
      '/imgpipe-source/gone.jpg',
      signedBy(named('resize-service'), 's3'),
    );
    const withoutList = await call(
      s3Port,
      'HEAD',
      '/imgpipe-source/gone.jpg',
      signedBy(named('watermark-service'), 's3'),
    );

    expect(withList.status).toBe(404);
    expect(withoutList.status).toBe(403);
    expect(denied).toEqual([
      'iam: denied watermark-service s3:ListBucket on arn:aws:s3:::imgpipe-source (a read of a missing key answers 403)',
    ]);
  });

  it('given an unknown key or no signature, then the request is refused before the emulator', async () => {
    const unknown = await call(s3Port, 'GET', '/imgpipe-processed/a.jpg', {
      authorization:
        'AWS4-HMAC-SHA256 Credential=NOBODY/20261127/us-east-1/s3/aws4_request, Signature=0',
    });
    const anonymous = await call(s3Port, 'GET', '/imgpipe-processed/a.jpg', {});

    expect(unknown.body).toContain('<Code>InvalidAccessKeyId</Code>');
    expect([unknown.status, anonymous.status]).toEqual([403, 403]);
    expect(reached).toEqual([]);
  });

  it('given a DynamoDB call the role lacks, then it answers 400 AccessDeniedException; the admin is allowed', async () => {
    const body = JSON.stringify({ TableName: 'imgpipe-images', Key: { imageId: { S: 'a' } } });
    const headers = (principal: LocalPrincipal) => ({
      ...signedBy(principal, 'dynamodb'),
      'x-amz-target': 'DynamoDB_20120810.DeleteItem',
      'content-type': 'application/x-amz-json-1.0',
    });

    const refused = await call(apiPort, 'POST', '/', headers(named('metadata-service')), body);
    const allowed = await call(apiPort, 'POST', '/', headers(named('admin')), body);

    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      message: expect.stringContaining('not authorized to perform: dynamodb:DeleteItem'),
    });
    expect(allowed.status).toBe(200);
    expect(reached).toEqual(['POST /']);
  });

  it('given a malformed JSON body, then the gateway answers 500 and keeps serving', async () => {
    const headers = {
      ...signedBy(named('metadata-service'), 'dynamodb'),
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    };
    const broken = await call(apiPort, 'POST', '/', headers, '{not json');
    const next = await call(
      s3Port,
      'PUT',
      '/imgpipe-processed/resized/b.jpg',
      signedBy(named('resize-service'), 's3'),
      'x',
    );

    expect(broken.status).toBe(500);
    expect(next.status).toBe(200);
  });
});
