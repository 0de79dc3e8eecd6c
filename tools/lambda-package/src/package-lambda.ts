import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** Where a service's esbuild bundle is read from and its Lambda package is written to. */
export function lambdaPackagePaths(workspaceRoot: string, project: string) {
  return {
    bundleDir: path.join(workspaceRoot, 'dist', 'apps', project),
    // infra/src/main.ts reads the same folder for `Code.fromAsset`.
    packageDir: path.join(workspaceRoot, 'dist', 'lambda', project),
  };
}

/** Packages that must be present for sharp to load on Lambda (linux, arm64, glibc). */
export const ARM64_SHARP_PACKAGES = [
  'sharp',
  '@img/sharp-linux-arm64',
  '@img/sharp-libvips-linux-arm64',
] as const;
const ARM64_BINARY_DIR = 'node_modules/@img/sharp-linux-arm64/lib';
/** ELF `e_machine` for AArch64. */
const EM_AARCH64 = 183;

/**
 * Whether bytes start an ELF shared object built for AArch64, i.e. loadable on Lambda arm64.
 *
 * @example
 * isElfForArm64(readFileSync('sharp-linux-arm64-0.35.5.node')); // true
 */
export function isElfForArm64(bytes: Buffer): boolean {
  const isElf =
    bytes.length >= 20 && bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  return isElf && bytes.readUInt16LE(18) === EM_AARCH64;
}

/**
 * The exact version the workspace pins for `name`, so the Lambda runs what the tests ran.
 *
 * @throws Error when the package is missing or not pinned to an exact version.
 * @example
 * pinnedVersion({ dependencies: { sharp: '0.35.5' } }, 'sharp'); // '0.35.5'
 */
export function pinnedVersion(
  rootPackageJson: { dependencies?: Record<string, string> },
  name: string,
): string {
  const version = rootPackageJson.dependencies?.[name];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      `root package.json must pin ${name} to an exact version, found ${JSON.stringify(version)}`,
    );
  }
  return version;
}

/**
 * The packages a service's esbuild build leaves out of the bundle (its `external` option):
 * sharp, whose native binary must match Lambda's platform, and packages loaded only for
 * rare inputs (heic-decode's 1.7 MB of WebAssembly), which in the bundle would be parsed
 * at every cold start. Each is installed beside the bundle instead. A service that does no
 * image work (upload-api) has none: its bundle is the whole package. (esbuild cannot bundle
 * sharp's `.node` binary, so an image service that forgot it fails at build.)
 *
 * @example
 * bundleExternals({ targets: { build: { options: { external: ['sharp'] } } } }); // ['sharp']
 */
export function bundleExternals(projectJson: {
  targets?: { build?: { options?: { external?: readonly string[] } } };
}): string[] {
  return [...(projectJson.targets?.build?.options?.external ?? [])];
}

/**
 * npm arguments installing the package folder's dependencies for Lambda's platform, not
 * this machine's: prebuilt `@img/*` packages only, so no install scripts, Docker or compiler.
 *
 * @example
 * spawnSync('npm', npmInstallArgs(), { cwd: packageDir });
 */
export function npmInstallArgs(): string[] {
  return [
    'install',
    '--os=linux',
    '--cpu=arm64',
    '--libc=glibc',
    '--omit=dev',
    '--ignore-scripts',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
  ];
}

export interface PackageLambdaOptions {
  readonly workspaceRoot: string;
  readonly project: string;
  /** Runs `npm <args>` in `cwd`; injected so tests need no registry. */
  readonly runNpm: (args: string[], cwd: string) => void;
}

/**
 * Builds a service's Lambda package folder: the esbuild bundle (and whatever else the build
 * wrote beside it) plus the packages its build leaves external (sharp for linux-arm64
 * glibc among them), then checks they and sharp's native binary are there.
 *
 * @throws Error when the bundle is missing or an external or the arm64 binary did not install.
 * @example
 * packageLambda({ workspaceRoot, project: 'resize-service', runNpm: (args, cwd) => execNpm(args, cwd) });
 */
export function packageLambda(options: PackageLambdaOptions): string {
  const { bundleDir, packageDir } = lambdaPackagePaths(options.workspaceRoot, options.project);
  if (!existsSync(path.join(bundleDir, 'index.js'))) {
    throw new Error(
      `${bundleDir}/index.js not found; run \`npx nx run ${options.project}:build\` first`,
    );
  }
  const rootPackageJson = JSON.parse(
    readFileSync(path.join(options.workspaceRoot, 'package.json'), 'utf8'),
  );
  const projectJson = JSON.parse(
    readFileSync(path.join(options.workspaceRoot, 'apps', options.project, 'project.json'), 'utf8'),
  );
  const externals = bundleExternals(projectJson);

  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  cpSync(bundleDir, packageDir, { recursive: true });
  // A package.json of its own makes npm treat this folder as the project root instead of
  // walking up to the workspace.
  writeFileSync(
    path.join(packageDir, 'package.json'),
    `${JSON.stringify(
      {
        name: `${options.project}-lambda`,
        private: true,
        dependencies: Object.fromEntries(
          externals.map((name) => [name, pinnedVersion(rootPackageJson, name)]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  options.runNpm(npmInstallArgs(), packageDir);

  const withSharp = externals.includes('sharp');
  const missing = [...new Set([...(withSharp ? ARM64_SHARP_PACKAGES : []), ...externals])].filter(
    (name) => !existsSync(path.join(packageDir, 'node_modules', name, 'package.json')),
  );
  if (missing.length > 0) {
    throw new Error(
      `the externals for linux-arm64 did not install in ${packageDir}; missing ${missing.join(', ')}`,
    );
  }
  const binaryDir = path.join(packageDir, ARM64_BINARY_DIR);
  const binaries = withSharp ? readdirSync(binaryDir).filter((file) => file.endsWith('.node')) : [];
  if (
    withSharp &&
    !binaries.some((file) => isElfForArm64(readFileSync(path.join(binaryDir, file))))
  ) {
    throw new Error(
      `${binaryDir} holds no AArch64 ELF binary (found ${binaries.join(', ') || 'none'})`,
    );
  }
  return packageDir;
}
