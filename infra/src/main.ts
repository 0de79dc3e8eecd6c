import { existsSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addImgpipeStacks, readStage } from './imgpipe-app';

// The CDK app `cdk synth` runs (infra/cdk.json). `-c only=resize-service` builds one stack.
// Stacks are environment-agnostic: the assembly does not depend on whose credentials are
// around at synth time (so Nx may cache it), and deploy targets the credentials' account
// and AWS_REGION.
const workspaceRoot = path.resolve(__dirname, '..', '..');
const app = new App();
const only = app.node.tryGetContext('only') as string | undefined;

addImgpipeStacks(app, {
  stage: readStage(process.env),
  ...(only ? { only: only.split(',').map((name) => name.trim()) } : {}),
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
