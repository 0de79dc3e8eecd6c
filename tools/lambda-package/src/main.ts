import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageLambda } from './package-lambda';

// `node --import tsx tools/lambda-package/src/main.ts <project>`, run by each service's
// `package` target (nx.json targetDefaults).
const project = process.argv[2];
if (!project) {
  console.error('usage: main.ts <service project>');
  process.exit(2);
}
const packageDir = packageLambda({
  workspaceRoot: path.resolve(__dirname, '..', '..', '..'),
  project,
  runNpm: (args, cwd) => {
    const result = spawnSync('npm', args, { cwd, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
  },
});
console.log(`packaged ${project} → ${path.relative(process.cwd(), packageDir)}`);
