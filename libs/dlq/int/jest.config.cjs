// DLQ list and replay against the local stack's queues: a project of its own, because the
// stack runs the services, which depend on this library.
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'dlq-int',
  testMatch: ['<rootDir>/*.int.spec.ts'],
};
