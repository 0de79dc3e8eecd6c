import { awsConfigFromEnv } from './aws-config';
import { createS3Client } from './clients';

describe('awsConfigFromEnv', () => {
  it('given the SDK endpoint variables, then each service gets its endpoint', () => {
    const config = awsConfigFromEnv({
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
    });

    expect(config).toEqual({
      region: 'eu-west-1',
      endpoints: { s3: 'http://127.0.0.1:4568', sqs: 'http://127.0.0.1:4566' },
    });
  });

  it('given a local endpoint and a key pair, then the key is kept with the config; on AWS the SDK chain is left alone', () => {
    const keys = { AWS_ACCESS_KEY_ID: 'LOCAL-RESIZE-SERVICE', AWS_SECRET_ACCESS_KEY: 's' };

    expect(
      awsConfigFromEnv({ ...keys, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568' }).credentials,
    ).toEqual({
      accessKeyId: 'LOCAL-RESIZE-SERVICE',
      secretAccessKey: 's',
    });
    expect(awsConfigFromEnv(keys).credentials).toBeUndefined();
  });

  it('given no variables, then it targets AWS in us-east-1 with no overrides', () => {
    expect(awsConfigFromEnv({})).toEqual({ region: 'us-east-1', endpoints: {} });
  });
});

describe('createS3Client', () => {
  it('given a local endpoint, then it uses path style and checksums only when required', async () => {
    const s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: 'http://127.0.0.1:4568' } });

    expect(s3.config.forcePathStyle).toBe(true);
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await s3.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
  });

  it('given AWS, then it keeps the SDK defaults (virtual-hosted style, checksums when supported)', async () => {
    const s3 = createS3Client({ region: 'us-east-1', endpoints: {} });

    expect(s3.config.forcePathStyle).toBe(false);
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
  });
});
