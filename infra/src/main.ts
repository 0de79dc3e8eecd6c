import { existsSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addImgpipeStacks, readStage } from './imgpipe-app';

// The CDK app `cdk synth` runs (infra/cdk.json). `-c only=resize-service` builds one stack.
const workspaceRoot = path.resolve(__dirname, '..', '..');
const app = new App();
const only = app.node.tryGetContext('only') as string | undefined;

addImgpipeStacks(app, {
  stage: readStage(process.env),
  ...(only ? { only: only.split(',').map((name) => name.trim()) } : {}),
  env: { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] },
  codeFor: (project) => {
    // Written by `nx run <project>:package` (tools/lambda-package).
    const dir = path.join(workspaceRoot, 'dist', 'lambda', project);
    if (!existsSync(path.join(dir, 'index.js'))) {
      throw new Error(`${dir} has no index.js; run \`npx nx run ${project}:package\` first`);
    }
    return Code.fromAsset(dir);
  },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
