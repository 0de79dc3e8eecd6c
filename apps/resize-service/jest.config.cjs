module.exports = { ...require('../../jest.preset.js'), displayName: 'resize-service' };
