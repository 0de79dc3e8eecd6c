#!/usr/bin/env node
'use strict';
// Launcher: runs the TypeScript sources through tsx with the root tsconfig, so the
// `@imgpipe/*` path aliases resolve whatever directory the command is run from.
const path = require('node:path');

// The AWS SDK warns once per process on node < 22 that its future releases need node 22.
// It says nothing about this command's work, so only that warning is switched off, through
// the SDK's own switch (a user who sets it explicitly still wins).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// tsx's CommonJS loader takes its tsconfig only from this variable.
process.env.TSX_TSCONFIG_PATH = path.resolve(__dirname, '../../../tsconfig.base.json');

require('tsx/cjs/api').register();
const { main, processIo } = require('../src/main.ts');

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `imgpipe: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
