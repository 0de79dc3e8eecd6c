import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARM64_SHARP_FILES, lambdaPackagePaths, npmInstallArgs, packageLambda, sharpVersion } from './package-lambda';

function workspaceWithBundle(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lambda-package-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { sharp: '0.35.5' } }));
  const { bundleDir } = lambdaPackagePaths(root, 'resize-service');
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(path.join(bundleDir, 'index.js'), 'exports.handler = async () => ({});');
  writeFileSync(path.join(bundleDir, 'index.js.map'), '{}');
  return root;
}

function fakeInstall(files: readonly string[]) {
  return (_args: string[], cwd: string) => {
    for (const file of files) {
      mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
      writeFileSync(path.join(cwd, file), '');
    }
  };
}

describe('packageLambda', () => {
  let root: string;
  beforeEach(() => {
    root = workspaceWithBundle();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('given a bundle, when npm installs the arm64 binary, then the folder holds bundle, map and a package.json pinning sharp', () => {
    const calls: Array<{ args: string[]; cwd: string }> = [];
    const install = fakeInstall(ARM64_SHARP_FILES);

    const dir = packageLambda({
      workspaceRoot: root,
      project: 'resize-service',
      runNpm: (args, cwd) => {
        calls.push({ args, cwd });
        install(args, cwd);
      },
    });

    expect(dir).toBe(lambdaPackagePaths(root, 'resize-service').packageDir);
    expect(existsSync(path.join(dir, 'index.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'index.js.map'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ sharp: '0.35.5' });
    expect(calls).toEqual([{ args: npmInstallArgs(), cwd: dir }]);
  });

  it('given npm installed only the host binary, when packaging, then it fails naming the missing arm64 files', () => {
    const run = () =>
      packageLambda({
        workspaceRoot: root,
        project: 'resize-service',
        runNpm: fakeInstall(['node_modules/sharp/package.json', 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node']),
      });

    expect(run).toThrow(/sharp-linux-arm64\.node/);
  });

  it('given no bundle, when packaging, then it says which build to run', () => {
    rmSync(path.join(lambdaPackagePaths(root, 'resize-service').bundleDir, 'index.js'));

    expect(() => packageLambda({ workspaceRoot: root, project: 'resize-service', runNpm: fakeInstall([]) })).toThrow(
      'npx nx run resize-service:build',
    );
  });

  it('given a stale package folder, when packaging again, then old files are gone', () => {
    const { packageDir } = lambdaPackagePaths(root, 'resize-service');
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, 'stale.js'), '');

    packageLambda({ workspaceRoot: root, project: 'resize-service', runNpm: fakeInstall(ARM64_SHARP_FILES) });

    expect(existsSync(path.join(packageDir, 'stale.js'))).toBe(false);
  });
});

describe('sharpVersion and npmInstallArgs', () => {
  it('given a range instead of a pin, when reading the version, then it refuses', () => {
    expect(() => sharpVersion({ dependencies: { sharp: '^0.35.5' } })).toThrow('exact version');
    expect(sharpVersion({ dependencies: { sharp: '0.35.5' } })).toBe('0.35.5');
  });

  it('targets Lambda arm64 glibc without running install scripts', () => {
    expect(npmInstallArgs()).toEqual(
      expect.arrayContaining(['install', '--os=linux', '--cpu=arm64', '--libc=glibc', '--ignore-scripts']),
    );
  });
});
