// Shared jest setup: ts-jest transpiles only (type-checking is the `typecheck` target),
// and the tsconfig path aliases resolve to library sources.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

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
  setupFiles: [path.join(__dirname, 'tools/jest/drop-sdk-node-warning.js')],
};
