import { dynamoDbAuthorization, snsAuthorization, sqsAuthorization } from './api-request-actions';
import { requestCredential } from './request-credential';
import { s3Authorization } from './s3-request-actions';

const scope = { region: 'us-east-1', account: '000000000000' };

describe('s3Authorization', () => {
  it('given a HEAD of an encoded key, then it asks s3:GetObject on the decoded key and needs s3:ListBucket for a 404', () => {
    expect(s3Authorization('HEAD', '/imgpipe-source/my%20photos/caf%C3%A9%2B1.jpg', {})).toEqual({
      checks: [
        { action: 's3:GetObject', resource: 'arn:aws:s3:::imgpipe-source/my photos/café+1.jpg' },
      ],
      notFoundNeeds: { action: 's3:ListBucket', resource: 'arn:aws:s3:::imgpipe-source' },
    });
  });

  it('given a copy, then it asks PutObject on the target and GetObject on the source', () => {
    const { checks } = s3Authorization('PUT', '/processed/out.jpg', {
      'x-amz-copy-source': '/source/in%20put.jpg',
    });
    expect(checks).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::processed/out.jpg' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::source/in put.jpg' },
    ]);
  });

  it.each([
    ['POST', '/b/k?uploads', 's3:PutObject'],
    ['PUT', '/b/k?partNumber=1&uploadId=u', 's3:PutObject'],
    ['POST', '/b/k?uploadId=u', 's3:PutObject'],
    ['DELETE', '/b/k?uploadId=u', 's3:AbortMultipartUpload'],
    ['DELETE', '/b/k', 's3:DeleteObject'],
    ['GET', '/b?list-type=2&prefix=a%2F', 's3:ListBucket'],
    ['HEAD', '/b', 's3:ListBucket'],
    ['PUT', '/b', 's3:CreateBucket'],
    ['GET', '/b?location', 's3:GetBucketLocation'],
    ['PUT', '/b?cors', 's3:PutBucketCORS'],
    ['GET', '/', 's3:ListAllMyBuckets'],
  ])('given %s %s, then it asks %s', (method, url, action) => {
    expect(s3Authorization(method, url, {}).checks.map((check) => check.action)).toEqual([action]);
  });

  it('given a listing with a prefix, then s3:prefix is in the request context', () => {
    expect(s3Authorization('GET', '/b?list-type=2&prefix=a%2F', {}).checks[0]?.context).toEqual({
      's3:prefix': 'a/',
    });
  });

  it('given a multi-object delete, then each key is asked s3:DeleteObject', () => {
    const body =
      '<Delete><Object><Key>a &amp; b.jpg</Key></Object><Object><Key>c.jpg</Key></Object></Delete>';
    expect(s3Authorization('POST', '/b?delete', {}, body).checks).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/a & b.jpg' },
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/c.jpg' },
    ]);
  });
});

describe('API calls', () => {
  it('given an SQS batch delete, then it is authorized as sqs:DeleteMessage on the queue', () => {
    expect(
      sqsAuthorization(
        'DeleteMessageBatch',
        { QueueUrl: 'http://127.0.0.1:1/000000000000/imgpipe-resize' },
        scope,
      ),
    ).toEqual([
      {
        action: 'sqs:DeleteMessage',
        resource: 'arn:aws:sqs:us-east-1:000000000000:imgpipe-resize',
      },
    ]);
  });

  it('given an SNS publish, then it is sns:Publish on the topic', () => {
    expect(snsAuthorization('Publish', { TopicArn: 'arn:aws:sns:us-east-1:0:t' }, scope)).toEqual([
      { action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:0:t' },
    ]);
  });

  it('given a DynamoDB query of an index and a batch write, then the index and each table are named', () => {
    expect(dynamoDbAuthorization('Query', { TableName: 't', IndexName: 'byOwner' }, scope)).toEqual(
      [
        {
          action: 'dynamodb:Query',
          resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/index/byOwner',
        },
      ],
    );
    expect(
      dynamoDbAuthorization('BatchWriteItem', { RequestItems: { a: [], b: [] } }, scope).map(
        (c) => c.resource,
      ),
    ).toEqual([
      'arn:aws:dynamodb:us-east-1:000000000000:table/a',
      'arn:aws:dynamodb:us-east-1:000000000000:table/b',
    ]);
  });
});

describe('requestCredential', () => {
  it('given a SigV4 header or a presigned URL, then the key, region and service are read; unsigned is undefined', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=LOCAL-OPERATOR/20261127/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=ab';
    expect(requestCredential({ authorization: header }, '/')).toEqual({
      accessKeyId: 'LOCAL-OPERATOR',
      region: 'us-east-1',
      service: 'sqs',
    });
    expect(
      requestCredential(
        {},
        '/b/k?X-Amz-Credential=AK%2F20261127%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=x',
      ),
    ).toEqual({ accessKeyId: 'AK', region: 'eu-west-1', service: 's3' });
    expect(requestCredential({}, '/b/k')).toBeUndefined();
  });
});
