'use strict';
// The esbuild options every function bundle is built with (each app's `build` target points
// its `esbuildConfig` here), so the bundles are made alike and a change is made once.
// Each choice was measured as cold start (tools/bench, `--only cold-start`):
// - mainFields module first: the SDK's and Powertools' ES builds tree-shake, where their
//   CommonJS builds are bundled whole, each module in a lazily called wrapper;
// - no sourcesContent: the sources themselves are in the repository;
// - zod without its locales, semver's `gte` alone for the X-Ray SDK, and a map of the
//   repository's own code only (below);
// - a banner that maps stack traces with that map when one is first formatted
//   (stack-source-map.cjs), instead of node's --enable-source-maps, which read the map and
//   walked the whole bundle at every cold start.

const { readFileSync, writeFileSync } = require('node:fs');
const { transformSync } = require('esbuild');
const { resolve } = require('node:path');
const { ownSourcesOnly } = require('./own-sources-map.cjs');
const { installStackSourceMap } = require('./stack-source-map.cjs');

/**
 * zod's entry points re-export every locale as a namespace (`z.locales`), and a namespace
 * object is built whole, so 250 locale modules (~260 KB minified) were evaluated at each cold
 * start although the services only ever use English, which zod installs from its own module
 * (`locales/en.js`, imported directly, so kept). Nothing here reads `z.locales`; the plugin
 * makes it an empty object.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: args.importer, namespace: 'zod-without-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * `semver` (29 KB, ~40 regular expressions built at load) is in a bundle only for the X-Ray
 * SDK, which Powertools' tracer loads on Lambda: cls-hooked asks `semver.gte` whether node is
 * at least 8 and the SDK v2 patcher (unused: the tracer patches SDK v3 clients) whether the
 * SDK is recent enough. Both get `semver-gte.cjs`, that one function: cold start as on
 * Lambda 0.98× CPU (metadata, 20 paired rounds, load 13).
 */
const semverGte = {
  name: 'semver-gte',
  setup(build) {
    build.onResolve({ filter: /^semver$/ }, (args) =>
      /[\\/]node_modules[\\/](cls-hooked|aws-xray-sdk-core)[\\/]/.test(args.importer)
        ? { path: resolve(__dirname, 'semver-gte.cjs') }
        : undefined,
    );
  },
};

/**
 * Rewrites each written source map to map only the repository's own sources: 1.33 MB, ~95 %
 * of it the SDK, Powertools and zod, cost ~10 % more cold-start CPU when node parsed it at
 * load (--enable-source-maps), and is still read whole by the first stack formatted. Stack
 * frames in imgpipe's code still map to their TypeScript lines; frames inside a dependency
 * show the bundle's position instead of the dependency's file.
 */
const ownCodeSourceMap = {
  name: 'own-code-source-map',
  setup(build) {
    build.initialOptions.metafile = true;
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    build.onEnd((result) => {
      for (const output of Object.keys(result.metafile?.outputs ?? {})) {
        if (!output.endsWith('.map')) continue;
        const file = resolve(root, output);
        const map = JSON.parse(readFileSync(file, 'utf8'));
        const own = ownSourcesOnly(map, (source) => !/[\\/]node_modules[\\/]/.test(source));
        writeFileSync(file, JSON.stringify(own));
      }
    });
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  mainFields: ['module', 'main'],
  sourcesContent: false,
  // Stacks mapped to the TypeScript sources when first formatted, not at load (see
  // stack-source-map.cjs), so infra sets no --enable-source-maps.
  banner: {
    js: transformSync(`(${installStackSourceMap})(__filename);`, { minify: true }).code.trim(),
  },
  plugins: [zodWithoutLocales, semverGte, ownCodeSourceMap],
};
