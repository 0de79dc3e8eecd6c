import { dynamoDbThrottled, s3PutFailure } from './fault-responses';

describe('the answers an injected fault gives', () => {
  it.each([
    [500, 'InternalError'],
    [503, 'SlowDown'],
  ] as const)('given S3 status %i, then an S3 XML error document with code %s', (status, code) => {
    const answer = s3PutFailure(status);

    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.body).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${code}</Code><Message>[^<]+</Message><RequestId>${answer.headers['x-amz-request-id']}</RequestId></Error>$`,
      ),
    );
  });

  it('given DynamoDB throttling, then 400 with the JSON error type the SDK names ProvisionedThroughputExceededException', () => {
    const answer = dynamoDbThrottled();

    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    const body = JSON.parse(answer.body) as { __type: string; message: string };
    expect(body.__type.split('#')[1]).toBe('ProvisionedThroughputExceededException');
    expect(body.message).toContain('provisioned throughput');
  });
});
