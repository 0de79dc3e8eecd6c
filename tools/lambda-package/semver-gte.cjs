'use strict';
// What the function bundles get for `semver` (see the `semverGte` plugin in
// esbuild.config.cjs): the X-Ray SDK's only users of it call nothing but `gte`.

const parts = (version) =>
  String(version)
    .split(/[.+-]/)
    .slice(0, 3)
    .map((part) => Number(part));

/**
 * Whether release version `a` is at least `b`, by major, minor and patch: `semver.gte` for
 * the versions it is asked about here (node's, the AWS SDK v2's); a prerelease tag is not
 * ordered below its release.
 *
 * @example
 * gte(process.versions.node, '8.0.0'); // true
 */
function gte(a, b) {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i] > y[i];
  return true;
}

module.exports = { gte };
