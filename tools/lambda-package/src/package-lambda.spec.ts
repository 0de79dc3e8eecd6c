import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ARM64_SHARP_PACKAGES,
  bundleExternals,
  isElfForArm64,
  lambdaPackagePaths,
  npmInstallArgs,
  packageLambda,
  pinnedVersion,
} from './package-lambda';

/** The first 20 bytes of an ELF shared object for the given `e_machine`. */
function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  header.writeUInt16LE(3, 16); // ET_DYN
  header.writeUInt16LE(machine, 18);
  return header;
}
const AARCH64 = 183;
const X86_64 = 62;

function workspaceWithBundle(external: readonly string[] = ['sharp']): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lambda-package-'));
  writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ dependencies: { sharp: '0.35.5', 'heic-decode': '2.1.0' } }),
  );
  mkdirSync(path.join(root, 'apps', 'resize-service'), { recursive: true });
  writeFileSync(
    path.join(root, 'apps', 'resize-service', 'project.json'),
    JSON.stringify({ targets: { build: { options: { external } } } }),
  );
  const { bundleDir } = lambdaPackagePaths(root, 'resize-service');
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(path.join(bundleDir, 'index.js'), 'exports.handler = async () => ({});');
  writeFileSync(path.join(bundleDir, 'index.js.map'), '{}');
  return root;
}

/** Plays `npm install`: writes the sharp packages and a binary for `machine`. */
function fakeInstall(machine: number, packages: readonly string[] = ARM64_SHARP_PACKAGES) {
  return (_args: string[], cwd: string) => {
    for (const name of packages) {
      mkdirSync(path.join(cwd, 'node_modules', name, 'lib'), { recursive: true });
      writeFileSync(path.join(cwd, 'node_modules', name, 'package.json'), '{}');
    }
    const lib = path.join(cwd, 'node_modules/@img/sharp-linux-arm64/lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(lib, 'sharp-linux-arm64-0.35.5.node'), elfHeader(machine));
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
    const install = fakeInstall(AARCH64);

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
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({
      sharp: '0.35.5',
    });
    expect(calls).toEqual([{ args: npmInstallArgs(), cwd: dir }]);
  });

  it('given the binary in the arm64 package is built for x86-64, when packaging, then it fails', () => {
    const run = () =>
      packageLambda({
        workspaceRoot: root,
        project: 'resize-service',
        runNpm: fakeInstall(X86_64),
      });

    expect(run).toThrow('no AArch64 ELF binary (found sharp-linux-arm64-0.35.5.node)');
  });

  it('given libvips for arm64 did not install, when packaging, then it fails naming the package', () => {
    const run = () =>
      packageLambda({
        workspaceRoot: root,
        project: 'resize-service',
        runNpm: fakeInstall(AARCH64, ['sharp', '@img/sharp-linux-arm64']),
      });

    expect(run).toThrow('missing @img/sharp-libvips-linux-arm64');
  });

  it('given heic-decode external in the build, when packaging, then it is pinned and must install beside sharp', () => {
    rmSync(root, { recursive: true, force: true });
    root = workspaceWithBundle(['sharp', 'heic-decode']);

    const dir = packageLambda({
      workspaceRoot: root,
      project: 'resize-service',
      runNpm: fakeInstall(AARCH64, [...ARM64_SHARP_PACKAGES, 'heic-decode']),
    });
    const missingHeic = () =>
      packageLambda({
        workspaceRoot: root,
        project: 'resize-service',
        runNpm: fakeInstall(AARCH64),
      });

    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({
      sharp: '0.35.5',
      'heic-decode': '2.1.0',
    });
    expect(missingHeic).toThrow('missing heic-decode');
  });

  it('given a build with nothing external (no image work), when packaging, then the folder is the bundle and an empty package.json', () => {
    rmSync(root, { recursive: true, force: true });
    root = workspaceWithBundle([]);

    const dir = packageLambda({
      workspaceRoot: root,
      project: 'resize-service',
      runNpm: () => undefined,
    });

    expect(existsSync(path.join(dir, 'index.js'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual(
      {},
    );
  });

  it('given no bundle, when packaging, then it says which build to run', () => {
    rmSync(path.join(lambdaPackagePaths(root, 'resize-service').bundleDir, 'index.js'));

    expect(() =>
      packageLambda({
        workspaceRoot: root,
        project: 'resize-service',
        runNpm: fakeInstall(AARCH64),
      }),
    ).toThrow('npx nx run resize-service:build');
  });

  it('given a stale package folder, when packaging again, then old files are gone', () => {
    const { packageDir } = lambdaPackagePaths(root, 'resize-service');
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, 'stale.js'), '');

    packageLambda({ workspaceRoot: root, project: 'resize-service', runNpm: fakeInstall(AARCH64) });

    expect(existsSync(path.join(packageDir, 'stale.js'))).toBe(false);
  });
});

describe('isElfForArm64', () => {
  it('given ELF headers, then only AArch64 passes', () => {
    expect(isElfForArm64(elfHeader(AARCH64))).toBe(true);
    expect(isElfForArm64(elfHeader(X86_64))).toBe(false);
    expect(isElfForArm64(Buffer.from('not an elf file at all'))).toBe(false);
  });
});

describe('pinnedVersion, bundleExternals and npmInstallArgs', () => {
  it('given a range instead of a pin, when reading the version, then it refuses', () => {
    expect(() => pinnedVersion({ dependencies: { sharp: '^0.35.5' } }, 'sharp')).toThrow(
      'exact version',
    );
    expect(pinnedVersion({ dependencies: { sharp: '0.35.5' } }, 'sharp')).toBe('0.35.5');
  });

  it('given a build, when reading its externals, then they are its external list, or none', () => {
    const build = (external: string[]) => ({ targets: { build: { options: { external } } } });

    expect(bundleExternals(build(['sharp', 'heic-decode']))).toEqual(['sharp', 'heic-decode']);
    expect(bundleExternals(build([]))).toEqual([]);
    expect(bundleExternals({})).toEqual([]);
  });

  it('targets Lambda arm64 glibc without running install scripts', () => {
    expect(npmInstallArgs()).toEqual(
      expect.arrayContaining([
        'install',
        '--os=linux',
        '--cpu=arm64',
        '--libc=glibc',
        '--ignore-scripts',
      ]),
    );
  });
});
