module.exports = { ...require('../../jest.preset.js'), displayName: 'watermark-service' };
