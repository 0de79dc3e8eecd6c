const preset = require('../../jest.preset.js');

// thumbhash ships only as an ES module; jest's CommonJS runtime needs it transpiled.
module.exports = {
  ...preset,
  displayName: 'metadata-service',
  transform: {
    ...preset.transform,
    '/node_modules/thumbhash/.+\\.js$': [
      'ts-jest',
      // `isolatedModules` here also stops @nx/jest/plugin reading `tsconfig` as a file path.
      { isolatedModules: true, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!thumbhash/)'],
};
