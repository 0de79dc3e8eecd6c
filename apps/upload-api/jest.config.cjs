module.exports = { ...require('../../jest.preset.js'), displayName: 'upload-api' };
