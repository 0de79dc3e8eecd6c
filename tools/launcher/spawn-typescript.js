'use strict';
// Runs a TypeScript entry point of this repo in a child node process that has what the
// project's tools need from the moment it starts:
// - MALLOC_ARENA_MAX=2: without it sharp on glibc drops to one thread, and glibc reads it
//   only at process start, so it cannot be set from inside (the Lambda functions set it too);
// - tsx as the loader, with the root tsconfig so the @imgpipe/* path aliases resolve;
// - the AWS SDK's own switch for its node-version warning (only that warning; others show).
// Signals are forwarded, and the child's exit code (or signal) becomes the caller's.

const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const repoRoot = path.resolve(__dirname, '../..');

/**
 * @param {{ name: string, entry: string, nodeFlags?: string[] }} options the command name
 *   for error messages, the absolute path of the .ts entry point, and extra node flags.
 */
function spawnTypeScript({ name, entry, nodeFlags = [] }) {
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [repoRoot] })).href;
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...nodeFlags, '--import', tsx, entry, ...process.argv.slice(2)],
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
    console.error(`${name}: could not start node: ${error.message}`);
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
}

module.exports = { spawnTypeScript };
