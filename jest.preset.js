// Shared jest setup: ts-jest transpiles only (type-checking is the `typecheck` target),
// and the tsconfig path aliases resolve to library sources.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

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
};
