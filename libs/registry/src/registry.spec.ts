import { EVENT_SOURCE_ACTIONS, policyDocument } from './grants';
import type { ResourceRef } from './grants';
import { imageLimitsEnv } from './limits';
import { ssmNames, serviceResourceNames } from './resource-names';
import { SERVICE_NAMES, SERVICES, STAGE_OF_SERVICE, serviceNamed } from './services';
import { DEFAULT_STAGE, stageName } from './stage';

const arnOf = (ref: ResourceRef): string => {
  switch (ref.kind) {
    case 'bucket':
      return `arn:aws:s3:::${ref.bucket}${ref.keys === undefined ? '' : `/${ref.keys}`}`;
    case 'table':
      return `arn:aws:dynamodb:us-east-1:1:table/t${ref.index === undefined ? '' : `/index/${ref.index}`}`;
    default:
      return `arn:aws:${ref.kind}`;
  }
};

describe('stageName', () => {
  it('given nothing, when read, then it is the default stage the CLI and infra share', () => {
    expect(stageName(undefined)).toBe(DEFAULT_STAGE);
    expect(stageName('  ')).toBe('dev');
  });

  it.each(['Prod', 'a_b', '1st', 'x'.repeat(21)])(
    'given %j, when read, then it is refused',
    (raw) => {
      expect(() => stageName(raw)).toThrow(/IMGPIPE_STAGE must be/);
    },
  );
});

describe('names', () => {
  it('given a stage and a service, when named, then SSM and resource names follow one pattern', () => {
    expect(ssmNames('prod').service('resize-service').dlqUrl).toBe(
      '/imgpipe/prod/resize-service/dlq-url',
    );
    expect(ssmNames('prod').imageTableName).toBe('/imgpipe/prod/image-table-name');
    expect(serviceResourceNames('prod', 'resize').queueName).toBe('imgpipe-prod-resize-queue');
  });

  it('given the default limits, when written as environment, then each variable holds its number', () => {
    expect(imageLimitsEnv()).toEqual({
      MAX_INPUT_BYTES: '52428800',
      MAX_INPUT_PIXELS: '100000000',
      MAX_FRAMES: '100',
    });
  });
});

describe('services', () => {
  it('given the registry, then names, projects and stages are unique and found both ways', () => {
    expect(new Set(SERVICE_NAMES).size).toBe(SERVICES.length);
    expect(new Set(SERVICES.map((service) => service.stage)).size).toBe(SERVICES.length);
    for (const service of SERVICES) {
      expect(serviceNamed(service.name)).toBe(service);
      expect(serviceNamed(service.project)).toBe(service);
      expect(STAGE_OF_SERVICE[service.project]).toBe(service.stage);
    }
    expect(() => serviceNamed('thumbs')).toThrow(/known: resize, watermark, metadata/);
  });

  it('given each service, then it works on at least one and at most a batch of images at once', () => {
    for (const service of SERVICES) {
      expect(service.maxConcurrentImages).toBeGreaterThanOrEqual(1);
      expect(service.maxConcurrentImages).toBeLessThanOrEqual(service.batchSize);
    }
  });

  it.each(SERVICES.map((service) => [service.name, service] as const))(
    'given %s, then its policy reads sources, lists the source bucket, keeps its record and writes and deletes only its own prefix',
    (_name, service) => {
      const statements = policyDocument(service.grants, arnOf).Statement;
      const allowed = (action: string) =>
        statements
          .filter((statement) => statement.Action.includes(action))
          .flatMap((s) => s.Resource);

      expect(allowed('s3:GetObject')).toContain('arn:aws:s3:::source/*');
      expect(allowed('s3:ListBucket')).toEqual(['arn:aws:s3:::source']);
      expect(allowed('dynamodb:GetItem')).toEqual(['arn:aws:dynamodb:us-east-1:1:table/t']);
      expect(allowed('dynamodb:UpdateItem')).toEqual(['arn:aws:dynamodb:us-east-1:1:table/t']);
      expect(allowed('s3:PutObject')).toEqual(
        'outputPrefix' in service ? [`arn:aws:s3:::processed/${service.outputPrefix}*`] : [],
      );
      // Never the source bucket: the pipeline removes outputs, not what users uploaded.
      expect(allowed('s3:DeleteObject')).toEqual(
        'outputPrefix' in service ? [`arn:aws:s3:::processed/${service.outputPrefix}*`] : [],
      );
      expect(new Set(statements.map((statement) => statement.Sid)).size).toBe(statements.length);
    },
  );

  it('given the event source mapping, then it may receive, delete and extend visibility on the queue', () => {
    expect(EVENT_SOURCE_ACTIONS).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
      ]),
    );
  });
});
