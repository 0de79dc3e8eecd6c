import { describeAwsError } from './aws-errors';

describe('AWS error descriptions', () => {
  it('turns a refused connection to the local stack into how to start it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4568'), {
      code: 'ECONNREFUSED',
    });
    const wrapped = Object.assign(new Error('fetch failed'), { cause: refused });

    expect(describeAwsError(wrapped, { local: true })).toBe(
      'local stack not running: start it with `npm start` (connection refused)',
    );
    expect(
      describeAwsError(
        new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:4568'),
        { local: true },
      ),
    ).toBe('local stack not running: start it with `npm start` (connection refused)');
    expect(describeAwsError(new AggregateError([refused], ''), { local: false })).toBe(
      'cannot reach AWS (ECONNREFUSED): check the network and the region',
    );
  });

  it('explains missing credentials and missing buckets', () => {
    const noCredentials = Object.assign(
      new Error('Could not load credentials from any providers'),
      { name: 'CredentialsProviderError' },
    );
    const noBucket = Object.assign(new Error('The specified bucket does not exist'), {
      name: 'NoSuchBucket',
    });

    expect(describeAwsError(noCredentials, { local: false })).toContain('no AWS credentials found');
    expect(describeAwsError(noBucket, { local: true })).toBe(
      'the bucket does not exist on this target',
    );
  });

  it('keeps a service error name and message otherwise', () => {
    const denied = Object.assign(new Error('User is not authorized to perform s3:PutObject'), {
      name: 'AccessDenied',
    });

    expect(describeAwsError(denied, { local: false })).toBe(
      'AccessDenied: User is not authorized to perform s3:PutObject',
    );
    expect(describeAwsError(new Error('socket hang up'), { local: false })).toBe('socket hang up');
  });
});
