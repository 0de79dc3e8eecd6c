#!/usr/bin/env node
// Starts the imgpipe local stack (tools/local/src/main.ts) in a child node process that has
// what the stack needs from the moment it starts:
// - --openssl-legacy-provider: s3rver's paged ListObjectsV2 uses a hash OpenSSL 3 keeps there;
// - MALLOC_ARENA_MAX=2: without it sharp on glibc drops to one thread, and glibc reads it
//   only at process start, so it cannot be set from inside;
// - tsx as the loader, with the root tsconfig so the @imgpipe/* path aliases resolve;
// - the AWS SDK's switch for its node-version warning (only that warning; others still show).
// Signals are forwarded, and the child's exit code (or signal) is ours.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const repoRoot = path.resolve(__dirname, '../../..');
const main = path.join(__dirname, '../src/main.ts');
const tsx = pathToFileURL(require.resolve('tsx', { paths: [repoRoot] })).href;

const child = spawn(
  process.execPath,
  ['--openssl-legacy-provider', '--import', tsx, main, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
      TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.base.json'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`imgpipe-local: could not start node: ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
