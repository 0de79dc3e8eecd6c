// Unit tests of the suite's pure parts (`npm test`); the suite itself runs only through
// jest.reliability.config.cjs (`npm run test:reliability`), since it takes minutes.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reliability',
  testPathIgnorePatterns: ['\\.reliability\\.spec\\.ts$'],
};
