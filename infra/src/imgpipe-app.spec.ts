import { Code } from 'aws-cdk-lib/aws-lambda';
import { PLATFORM, readStage } from './imgpipe-app';
import { buildTestApp, TEST_STAGE } from './test-app';

describe('addImgpipeStacks', () => {
  it('given no selector, then it builds the platform and one stack per service, named by stage', () => {
    const { stacks } = buildTestApp();

    expect(stacks.platform?.stackName).toBe(`imgpipe-${TEST_STAGE}-platform`);
    expect(stacks.services.map((stack) => stack.stackName)).toEqual([
      `imgpipe-${TEST_STAGE}-resize-service`,
      `imgpipe-${TEST_STAGE}-watermark-service`,
      `imgpipe-${TEST_STAGE}-metadata-service`,
    ]);
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
    expect(() => buildTestApp({ only: [PLATFORM, 'upload-api'] })).toThrow(
      'Unknown stack selector(s) upload-api; known: platform, resize-service, watermark-service, metadata-service',
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
