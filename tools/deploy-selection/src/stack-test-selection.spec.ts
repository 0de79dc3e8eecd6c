import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Issue 8: Nx must see every dependency, or `nx affected` skips tests a change breaks. Tests
 * start the local stack by path, so the edge is only as good as the projects that declare it:
 * every test outside `tools/local` starts the stack through `@imgpipe/local-harness`, whose
 * project depends on `local`. Read from disk here (which files start a stack), then checked
 * against what `nx affected -t test` selects.
 */
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const SOURCE_DIRS = ['apps', 'libs', 'tools', 'infra'];

/** Every TypeScript file under the source folders, workspace-relative, with its text. */
function sourceFiles(): { file: string; text: string }[] {
  return SOURCE_DIRS.flatMap((dir) =>
    readdirSync(path.join(workspaceRoot, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.split(path.sep).includes('node_modules'))
      .map((file) => path.join(dir, file))
      .map((file) => ({ file, text: readFileSync(path.join(workspaceRoot, file), 'utf8') })),
  );
}

/** The Nx project a file belongs to: the name in the nearest project.json above it. */
function projectOf(file: string): string {
  for (let dir = path.dirname(file); dir !== '.'; dir = path.dirname(dir)) {
    const config = path.join(workspaceRoot, dir, 'project.json');
    if (existsSync(config))
      return (JSON.parse(readFileSync(config, 'utf8')) as { name: string }).name;
  }
  throw new Error(`${file} is in no project`);
}

function affectedTests(file: string): string[] {
  const output = execFileSync(
    process.execPath,
    [
      require.resolve('nx/bin/nx.js'),
      ...['show', 'projects', '--affected', `--files=${file}`, '--withTarget=test', '--json'],
    ],
    {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(output) as string[]).sort();
}

// Each case runs the Nx CLI once (project graph without the daemon: a few seconds).
jest.setTimeout(60_000);

describe('which tests nx affected runs for the local stack', () => {
  const files = sourceFiles();
  const startsStack = (text: string) => text.includes("from '@imgpipe/local-harness'");
  const stackTestProjects = [
    ...new Set(files.filter(({ text }) => startsStack(text)).map(({ file }) => projectOf(file))),
  ].sort();

  it('given the files that import the stack launcher, then they are the harness and tools/local only', () => {
    const importsLauncher = /import \{[^}]*\blaunchLocalStack\b[^}]*\} from '@imgpipe\/testing'/;

    const launchers = files.filter(({ text }) => importsLauncher.test(text));

    // Anyone else would start a stack with no edge to `local`: they use the harness instead.
    expect([...new Set(launchers.map(({ file }) => projectOf(file)))].sort()).toEqual([
      'local',
      'local-harness',
    ]);
    expect(stackTestProjects).toEqual(
      expect.arrayContaining(['cli', 'dlq-int', 'reliability', 'resize-service-int']),
    );
  });

  it.each([
    ['tools/local/src/s3-bridge.ts'],
    ['apps/upload-api/src/handler.ts'],
    ['apps/resize-service/src/resize.ts'],
    ['libs/dlq/src/index.ts'],
  ])(
    'given a change in %s, then every project whose tests start the stack runs its tests',
    (file) => {
      const affected = affectedTests(file);

      expect(affected).toEqual(expect.arrayContaining([...stackTestProjects, 'local']));
    },
  );
});
