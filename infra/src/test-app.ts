import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import type { ImgpipeAppOptions, ImgpipeStacks } from './imgpipe-app';
import { addImgpipeStacks } from './imgpipe-app';

/** The stage tests synthesize; names in assertions derive from it. */
export const TEST_STAGE = 'test';

/**
 * Builds the whole app once for a spec file, with a placeholder handler folder instead of
 * the packaged services, so tests need no build.
 *
 * @example
 * const { app, stacks } = buildTestApp();
 * Template.fromStack(stacks.platform!);
 */
export function buildTestApp(options: Partial<ImgpipeAppOptions> = {}): { app: App; stacks: ImgpipeStacks } {
  const codeDir = mkdtempSync(path.join(tmpdir(), 'imgpipe-infra-code-'));
  writeFileSync(path.join(codeDir, 'index.js'), 'exports.handler = async () => ({ batchItemFailures: [] });\n');
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'imgpipe-infra-out-')) });
  const stacks = addImgpipeStacks(app, {
    stage: TEST_STAGE,
    codeFor: () => Code.fromAsset(codeDir),
    ...options,
  });
  return { app, stacks };
}
