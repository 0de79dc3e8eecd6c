import { policyDocument } from './grants';
import type { ResourceRef } from './grants';
import {
  ALL_SERVICES,
  HTTP_SERVICES,
  UPLOAD_CONTENT_TYPES,
  httpServiceNamed,
  isQueueFed,
} from './http-services';
import { readServiceConfig, requiredName, wholeNumber, commaList } from './service-config';
import { SERVICES } from './services';
import { z } from 'zod';

const arnOf = (ref: ResourceRef): string => {
  switch (ref.kind) {
    case 'bucket':
      return `arn:aws:s3:::${ref.bucket}${ref.keys === undefined ? '' : `/${ref.keys}`}`;
    case 'table':
      return `table/t${ref.index === undefined ? '' : `/index/${ref.index}`}`;
    default:
      return `arn:aws:${ref.kind}`;
  }
};

describe('HTTP services', () => {
  it('given every kind, then names and projects are unique across kinds and queue-fed ones are told apart', () => {
    expect(new Set(ALL_SERVICES.map((service) => service.name)).size).toBe(ALL_SERVICES.length);
    expect(new Set(ALL_SERVICES.map((service) => service.project)).size).toBe(ALL_SERVICES.length);
    expect(ALL_SERVICES.filter(isQueueFed)).toEqual([...SERVICES]);
    expect(httpServiceNamed('upload-api')).toBe(HTTP_SERVICES[0]);
    expect(() => httpServiceNamed('resize')).toThrow(/known: upload-api/);
  });

  it('given upload-api, then it may put only under an owner prefix, read records and list by owner, and read only outputs', () => {
    const statements = policyDocument(httpServiceNamed('upload-api').grants, arnOf).Statement;
    const allowed = (action: string) =>
      statements.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);

    expect(allowed('s3:PutObject')).toEqual(['arn:aws:s3:::source/*/*']);
    expect(allowed('dynamodb:GetItem')).toEqual(['table/t']);
    expect(allowed('dynamodb:Query')).toEqual(['table/t/index/byOwner']);
    expect(allowed('s3:GetObject')).toEqual([
      'arn:aws:s3:::processed/resized/*',
      'arn:aws:s3:::processed/watermarked/*',
    ]);
    expect(allowed('s3:ListBucket')).toEqual([]);
    expect(allowed('dynamodb:UpdateItem')).toEqual([]);
  });

  it('given the upload content types, then each is an image type with at least one extension', () => {
    for (const [type, extensions] of Object.entries(UPLOAD_CONTENT_TYPES)) {
      expect(type).toMatch(/^image\/[a-z]+$/);
      expect(extensions.length).toBeGreaterThan(0);
    }
  });
});

describe('readServiceConfig', () => {
  const schema = z.object({
    TABLE: requiredName('TABLE must name the table'),
    EXPIRES: wholeNumber('EXPIRES', 1, 60, 30),
    ORIGINS: commaList('ORIGINS', []),
  });

  it('given good settings and blanks, when read, then defaults fill the blanks', () => {
    expect(
      readServiceConfig('x', schema, { TABLE: 'images', EXPIRES: ' ', ORIGINS: 'a, b' }),
    ).toEqual({ TABLE: 'images', EXPIRES: 30, ORIGINS: ['a', 'b'] });
  });

  it('given bad settings, when read, then one error names the service and every problem', () => {
    expect(() => readServiceConfig('x', schema, { EXPIRES: '61', ORIGINS: 'a,,b' })).toThrow(
      'x configuration: TABLE must name the table; EXPIRES must be at most 60; ORIGINS has an empty entry',
    );
  });
});
