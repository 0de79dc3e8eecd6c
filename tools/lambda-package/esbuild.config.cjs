'use strict';
// The esbuild options every function bundle is built with (each app's `build` target points
// its `esbuildConfig` here), so the bundles are made alike and a change is made once.
// Each choice was measured as cold start (tools/bench, `--only cold-start`):
// - mainFields module first: the SDK's and Powertools' ES builds tree-shake, where their
//   CommonJS builds are bundled whole, each module in a lazily called wrapper;
// - no sourcesContent: infra runs the functions with --enable-source-maps, which parses the
//   map at load; the sources themselves are in the repository;
// - zod without its locales, and a map of the repository's own code only (below).

const { readFileSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { ownSourcesOnly } = require('./own-sources-map.cjs');

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
 * Rewrites each written source map to map only the repository's own sources. infra runs the
 * functions with --enable-source-maps, and node parses the whole map at load: 1.33 MB, ~95 %
 * of it the SDK, Powertools and zod, cost ~10 % more cold-start CPU. Stack frames in imgpipe's
 * code still map to their TypeScript lines; frames inside a dependency show the bundle's
 * position instead of the dependency's file.
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
  plugins: [zodWithoutLocales, ownCodeSourceMap],
};
