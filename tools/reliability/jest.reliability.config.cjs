// `npm run test:reliability`: the pipeline under load and faults, through a local stack. One
// file, one worker: the stack and its services need the machine's cores to themselves.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reliability',
  testMatch: ['<rootDir>/src/**/*.reliability.spec.ts'],
  maxWorkers: 1,
  testTimeout: 30 * 60_000,
};
