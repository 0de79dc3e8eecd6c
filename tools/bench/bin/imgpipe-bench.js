#!/usr/bin/env node
'use strict';
// Starts the benchmark (tools/bench/src/main.ts) with the environment the Lambda functions
// and the local runner have, so its figures are theirs.
const path = require('node:path');
const { spawnTypeScript } = require('../../launcher/spawn-typescript');

spawnTypeScript({ name: 'imgpipe-bench', entry: path.join(__dirname, '../src/main.ts') });
