type Gte = (a: string, b: string) => boolean;

const { gte } = require('../semver-gte.cjs') as { gte: Gte };
// The real one, as cls-hooked and the X-Ray SDK have it in node_modules.
const { gte: semverGte } = require('semver') as { gte: Gte };

describe('gte (what the bundles give the X-Ray SDK for semver)', () => {
  it.each([
    ['20.20.2', '8.0.0'],
    ['22.11.0', '8.0.0'],
    ['8.0.0', '8.0.0'],
    ['7.10.1', '8.0.0'],
    ['2.3.0', '2.7.0'],
    ['2.7.0', '2.10.0'],
    ['2.1600.0', '2.7.0'],
    ['10.0.0', '9.99.99'],
  ])('given %s and %s, when compared, then it answers as semver.gte does', (a, b) => {
    expect(gte(a, b)).toBe(semverGte(a, b));
  });
});
