import { dynamoDbOperation, gatewayCall, putObjectTarget } from './fault-requests';

describe('which requests a fault sees as PutObject', () => {
  it('given a path-style PUT of a key, then it names the bucket and the decoded key', () => {
    expect(putObjectTarget('PUT', '/imgpipe-processed/resized/a%20b%2B.jpg/320w.webp', {})).toEqual(
      { bucket: 'imgpipe-processed', key: 'resized/a b+.jpg/320w.webp' },
    );
  });

  it('given a PUT with an x-id=PutObject query the SDK adds, then it is still PutObject', () => {
    expect(putObjectTarget('PUT', '/b/k.jpg?x-id=PutObject', {})).toEqual({
      bucket: 'b',
      key: 'k.jpg',
    });
  });

  it.each([
    ['a GET', 'GET', '/b/k.jpg', {}],
    ['a bucket PUT', 'PUT', '/b', {}],
    ['a copy', 'PUT', '/b/k.jpg', { 'x-amz-copy-source': '/b/other.jpg' }],
    ['an UploadPart', 'PUT', '/b/k.jpg?partNumber=1&uploadId=u', {}],
    ['a PutObjectTagging', 'PUT', '/b/k.jpg?tagging', {}],
    ['a key that does not decode', 'PUT', '/b/%E0%A4%A', {}],
  ])('given %s, then it is not PutObject', (_what, method, url, headers) => {
    expect(putObjectTarget(method, url, headers)).toBeUndefined();
  });
});

describe('which DynamoDB operation a request calls', () => {
  it('given an X-Amz-Target, then the name after the dot', () => {
    expect(dynamoDbOperation({ 'x-amz-target': 'DynamoDB_20120810.UpdateItem' })).toBe(
      'UpdateItem',
    );
  });

  it('given none, then an empty name that no operation filter matches', () => {
    expect(dynamoDbOperation({})).toBe('');
  });
});

describe('what a gateway tells the fault controller', () => {
  it('given each protocol, then the call carries what its faults match on', () => {
    expect(gatewayCall('s3', 'resize-service', 'PUT', '/p/resized/a.jpg/320w.webp', {})).toEqual({
      service: 's3',
      principal: 'resize-service',
      putObject: { bucket: 'p', key: 'resized/a.jpg/320w.webp' },
    });
    expect(
      gatewayCall('dynamodb', 'admin', 'POST', '/', {
        'x-amz-target': 'DynamoDB_20120810.GetItem',
      }),
    ).toEqual({ service: 'dynamodb', principal: 'admin', operation: 'GetItem' });
    expect(gatewayCall('sqs', 'operator', 'POST', '/', {})).toEqual({
      service: 'sqs',
      principal: 'operator',
    });
  });
});
