module.exports = { ...require('../../jest.preset.js'), displayName: 'lambda-package' };
