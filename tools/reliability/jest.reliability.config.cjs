// `npm run test:reliability`: the pipeline under load and faults, through a local stack. One
// file, one worker: the stack and its services need the machine's cores to themselves. Its
// deadlines grow with RELIABILITY_IMAGES, so the spec sets its own test timeout.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reliability',
  testMatch: ['<rootDir>/src/**/*.reliability.spec.ts'],
  maxWorkers: 1,
};
