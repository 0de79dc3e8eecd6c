import { serviceNamed } from '@imgpipe/registry';
import { bundleEnvironment, floorModules } from './cold-start-plan';

describe('floorModules', () => {
  it('given the resize service, when its floor is listed, then it is sharp and the S3 and DynamoDB clients its grants call', () => {
    expect(floorModules(serviceNamed('resize'))).toEqual([
      'sharp',
      '@aws-sdk/client-s3',
      '@aws-sdk/client-dynamodb',
    ]);
  });

  it('given a grant on an AWS service without a known client, when listed, then it refuses', () => {
    const grant = { sid: 'X', actions: ['kinesis:PutRecord'], resources: [], why: '' };

    expect(() => floorModules({ grants: [grant] })).toThrow('kinesis');
  });
});

describe('bundleEnvironment', () => {
  const service = { project: 'resize-service', environment: { RESIZE_WIDTHS: '800' } };

  it('given local mode, when built, then the config names are set and tracing stays off', () => {
    const env = bundleEnvironment(service, false);

    expect(env).toMatchObject({ RESIZE_WIDTHS: '800', POWERTOOLS_SERVICE_NAME: 'resize-service' });
    expect(env['AWS_EXECUTION_ENV']).toBeUndefined();
  });

  it('given Lambda mode, when built, then the execution environment is on and node options are as infra sets them (none)', () => {
    const env = bundleEnvironment(service, true);

    expect(env).toMatchObject({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' });
    expect(env['NODE_OPTIONS']).toBeUndefined();
  });
});
