import { BY_OWNER_INDEX } from '@imgpipe/aws';
import { httpServiceNamed, UPLOAD_SETTINGS } from '@imgpipe/registry';
import { loadUploadApiConfig } from './config';

const REQUIRED = {
  SOURCE_BUCKET: 'imgpipe-source',
  PROCESSED_BUCKET: 'imgpipe-processed',
  IMAGE_TABLE: 'imgpipe-images',
};

describe('loadUploadApiConfig', () => {
  it('given only the required variables, when loaded, then the registry defaults apply', () => {
    expect(loadUploadApiConfig(REQUIRED)).toEqual({
      sourceBucket: 'imgpipe-source',
      processedBucket: 'imgpipe-processed',
      tableName: 'imgpipe-images',
      corsOrigins: [],
      uploadExpiresSeconds: UPLOAD_SETTINGS.uploadExpiresSeconds,
      downloadExpiresSeconds: UPLOAD_SETTINGS.downloadExpiresSeconds,
      maxBytes: 50 * 1024 * 1024,
      defaultPageSize: UPLOAD_SETTINGS.defaultPageSize,
    });
  });

  it('given overrides, then origins, expiries and the byte limit follow them', () => {
    const config = loadUploadApiConfig({
      ...REQUIRED,
      CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:4569, https://app.example',
      UPLOAD_EXPIRES_SECONDS: '60',
      MAX_INPUT_BYTES: '1000',
    });
    expect(config).toMatchObject({
      corsOrigins: ['http://127.0.0.1:4569', 'https://app.example'],
      uploadExpiresSeconds: 60,
      maxBytes: 1000,
    });
  });

  it('given missing names and a bad expiry, then the cold start fails naming each', () => {
    expect(() => loadUploadApiConfig({ UPLOAD_EXPIRES_SECONDS: '5' })).toThrow(
      /upload-api configuration: SOURCE_BUCKET must name.*PROCESSED_BUCKET must name.*IMAGE_TABLE must name.*UPLOAD_EXPIRES_SECONDS must be at least 10/,
    );
  });

  it("given the registry's grant on the owner index, then it names the index the API queries", () => {
    const grant = httpServiceNamed('upload-api').grants.find((g) => g.sid === 'ListOwnImages');
    expect(grant?.resources).toEqual([{ kind: 'table', index: BY_OWNER_INDEX }]);
  });
});
