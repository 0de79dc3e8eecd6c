import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import type { ImgpipeAppOptions, ImgpipeStacks } from './imgpipe-app';
import { addImgpipeStacks } from './imgpipe-app';

/** The stage tests synthesize; names in assertions derive from it. */
export const TEST_STAGE = 'test';

/**
 * Builds the app for a spec file with a placeholder handler folder instead of the packaged
 * services, so tests need no build; `context` plays `infra/cdk.json`'s. Call it once per
 * file (in `beforeAll`): synths are slow.
 *
 * @example
 * const { app, stacks } = buildTestApp({ only: ['resize-service'] });
 */
export function buildTestApp(
  options: Partial<ImgpipeAppOptions> = {},
  context: Record<string, unknown> = {},
): {
  app: App;
  stacks: ImgpipeStacks;
} {
  const codeDir = mkdtempSync(path.join(tmpdir(), 'imgpipe-infra-code-'));
  writeFileSync(
    path.join(codeDir, 'index.js'),
    'exports.handler = async () => ({ batchItemFailures: [] });\n',
  );
  const app = new App({
    outdir: mkdtempSync(path.join(tmpdir(), 'imgpipe-infra-out-')),
    context,
  });
  const stacks = addImgpipeStacks(app, {
    stage: TEST_STAGE,
    codeFor: () => Code.fromAsset(codeDir),
    ...options,
  });
  return { app, stacks };
}

/**
 * Synthesizes every stack of the test app into templates, service templates keyed by project.
 *
 * @example
 * const { platform, services } = synthTemplates();
 * services.get('resize-service')?.resourceCountIs('AWS::Lambda::Function', 1);
 */
export function synthTemplates(
  options: Partial<ImgpipeAppOptions> = {},
  context: Record<string, unknown> = {},
): {
  platform: Template | undefined;
  services: Map<string, Template>;
} {
  const { stacks } = buildTestApp(options, context);
  return {
    platform: stacks.platform ? Template.fromStack(stacks.platform) : undefined,
    services: new Map(
      stacks.services.map((stack) => [stack.service.project, Template.fromStack(stack)]),
    ),
  };
}

/**
 * The value, or a failed test naming what was missing.
 *
 * @example
 * const platform = present(synthTemplates().platform, 'platform template');
 */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
