// The metadata service through the local stack: a project of its own, because it depends on the
// stack, which depends on the service (the stack's project runs every app).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'metadata-service-int',
  testMatch: ['<rootDir>/*.int.spec.ts'],
};
