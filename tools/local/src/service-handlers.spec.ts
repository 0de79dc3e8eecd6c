import type { StackDescription } from '@imgpipe/aws';
import { UsageError } from './cli-options';
import { chooseServices, handlerFile, serviceEnv } from './service-handlers';

describe('chooseServices', () => {
  const onlyMetadata = (service: string) => service === 'metadata';

  it('given no request, then every service with a handler runs', () => {
    expect(chooseServices(undefined, onlyMetadata)).toEqual(['metadata']);
    expect(chooseServices(undefined, () => true)).toEqual(['resize', 'watermark', 'metadata']);
  });

  it('given a request, then exactly those run', () => {
    expect(chooseServices([], () => true)).toEqual([]);
    expect(chooseServices(['metadata'], onlyMetadata)).toEqual(['metadata']);
  });

  it('given a requested service without a handler, then a usage error names its file', () => {
    expect(() => chooseServices(['resize', 'metadata'], onlyMetadata)).toThrow(UsageError);
    expect(() => chooseServices(['resize'], onlyMetadata)).toThrow(
      'apps/resize-service/src/handler.ts',
    );
  });
});

describe('handlerFile', () => {
  it('points at the service’s handler.ts', () => {
    expect(handlerFile('/repo', 'watermark')).toBe('/repo/apps/watermark-service/src/handler.ts');
  });
});

describe('serviceEnv', () => {
  // Only what serviceEnv reads.
  const partial: Partial<StackDescription> = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    principals: {
      'resize-service': { accessKeyId: 'LOCAL-RESIZE-SERVICE', secretAccessKey: 'r' },
      'metadata-service': { accessKeyId: 'LOCAL-METADATA-SERVICE', secretAccessKey: 'm' },
    },
    endpoints: {
      s3: 'http://127.0.0.1:1',
      sns: 'http://127.0.0.1:2',
      sqs: 'http://127.0.0.1:2',
      dynamodb: 'http://127.0.0.1:3',
    },
    buckets: { source: 'imgpipe-source', processed: 'imgpipe-processed' },
    table: 'imgpipe-images',
  };
  const stack = partial as StackDescription;

  it('gives the handler the stack’s endpoints and names, its own key, quiet logs and metrics on (the stack collects them) by default', () => {
    expect(serviceEnv(stack, 'resize', false)).toMatchObject({
      AWS_ACCESS_KEY_ID: 'LOCAL-RESIZE-SERVICE',
      AWS_SECRET_ACCESS_KEY: 'r',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:3',
      PROCESSED_BUCKET: 'imgpipe-processed',
      IMAGE_TABLE: 'imgpipe-images',
      POWERTOOLS_SERVICE_NAME: 'resize-service',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'false',
    });
  });

  it('given verbose, then INFO logs', () => {
    expect(serviceEnv(stack, 'metadata', true)).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'metadata-service',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
  });
});
