// Shared jest setup: ts-jest transpiles only (type-checking is the `typecheck` target),
// and the tsconfig path aliases resolve to library sources.
const { readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');
const { parallel: nxParallel = 3 } = require('./nx.json');

/** The CPUs tests may use: a container's cgroup quota where it has one, else what node sees. */
function cpuBudget() {
  const seen = availableParallelism();
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota === 'max') return seen;
    return Math.max(1, Math.min(seen, Math.floor(Number(quota) / Number(period))));
  } catch {
    return seen; // No cgroup v2 limit.
  }
}

// The SDK's own switch for its once-per-process "node 22 needed soon" notice: noise on the
// pinned node 20 toolchain. Other warnings still show.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: path.join(__dirname, 'tools/jest/tsconfig.transpile.json'),
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: `${__dirname}/`,
  }),
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  clearMocks: true,
  // nx runs `parallel` projects at once, each its own jest. Every *.int.spec.ts file starts
  // a local stack (a node process with s3rver, fauxqs, dynalite, and services running sharp),
  // so test files at once = projects × workers must stay within the CPUs: on the 2-core CI
  // machine that is one file per project, at most two stacks at a time.
  maxWorkers: Math.max(1, Math.floor(cpuBudget() / nxParallel)),
  // Jest's 5 s default is for an idle machine; CI is a busy 2-core one, and sharp work, hooks
  // that stop a stack (up to 15 s before SIGKILL) and cold module loads all take longer there.
  // Files that start stacks set their own, longer, timeouts.
  testTimeout: 30_000,
};
