import { Code } from 'aws-cdk-lib/aws-lambda';
import { ALL_SERVICES } from '@imgpipe/registry';
import { HTTP_SETTINGS_CONTEXT } from './http-settings';
import { PLATFORM, readStage } from './imgpipe-app';
import { HttpServiceStack } from './stacks/http-service-stack';
import { ImageServiceStack } from './stacks/image-service-stack';
import { buildTestApp, TEST_STAGE } from './test-app';

describe('addImgpipeStacks', () => {
  it('given no selector, then it builds the platform and one stack per service, named by stage', () => {
    const { stacks } = buildTestApp();

    expect(stacks.platform?.stackName).toBe(`imgpipe-${TEST_STAGE}-platform`);
    expect(stacks.services.map((stack) => stack.stackName)).toEqual([
      `imgpipe-${TEST_STAGE}-resize-service`,
      `imgpipe-${TEST_STAGE}-watermark-service`,
      `imgpipe-${TEST_STAGE}-metadata-service`,
      `imgpipe-${TEST_STAGE}-upload-api`,
    ]);
  });

  it("given each registry entry, then its kind picks its stack's construct", () => {
    const { stacks } = buildTestApp({ only: ALL_SERVICES.map((service) => service.project) });

    expect(
      stacks.services.map((stack) => [
        stack.service.project,
        stack instanceof HttpServiceStack
          ? 'http'
          : stack instanceof ImageServiceStack && 'queue-fed',
      ]),
    ).toEqual(ALL_SERVICES.map((service) => [service.project, service.kind]));
  });

  it('given invalid HTTP settings for the stage, then building fails naming the field', () => {
    expect(() =>
      buildTestApp(
        { only: ['upload-api'] },
        {
          [HTTP_SETTINGS_CONTEXT]: {
            [TEST_STAGE]: {
              'upload-api': { auth: { type: 'jwt', issuer: 'http://x', audience: [] } },
            },
          },
        },
      ),
    ).toThrow(/imgpipe:http-services\.test\.upload-api in infra\/cdk\.json: .*auth\.issuer/);
  });

  it('given one service selected, then only its stack is built and only its code is asked for', () => {
    const asked: string[] = [];

    const { app, stacks } = buildTestApp({
      only: ['watermark-service'],
      codeFor: (project) => {
        asked.push(project);
        return Code.fromInline('exports.handler = async () => ({});');
      },
    });

    expect(stacks.platform).toBeUndefined();
    expect(stacks.services.map((stack) => stack.stackName)).toEqual([
      `imgpipe-${TEST_STAGE}-watermark-service`,
    ]);
    expect(app.node.children).toHaveLength(1);
    expect(asked).toEqual(['watermark-service']);
  });

  it('given an unknown selector, then it fails listing the known ones', () => {
    expect(() => buildTestApp({ only: [PLATFORM, 'thumbs-service'] })).toThrow(
      'Unknown stack selector(s) thumbs-service; known: platform, resize-service, watermark-service, metadata-service, upload-api',
    );
  });
});

describe('readStage', () => {
  it('given no stage, then it is dev', () => {
    expect(readStage({})).toBe('dev');
  });

  it('given a valid stage, then it is used as is', () => {
    expect(readStage({ IMGPIPE_STAGE: 'prod' })).toBe('prod');
  });

  it.each(['Prod', 'prod_1', '1prod', 'a'.repeat(21)])('given %s, then it is refused', (stage) => {
    expect(() => readStage({ IMGPIPE_STAGE: stage })).toThrow('IMGPIPE_STAGE');
  });
});
