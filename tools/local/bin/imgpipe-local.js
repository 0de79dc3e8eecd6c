#!/usr/bin/env node
'use strict';
// Starts the local stack (tools/local/src/main.ts). s3rver's paged ListObjectsV2 uses a hash
// that OpenSSL 3 keeps only in its legacy provider, hence the flag.
const path = require('node:path');
const { spawnTypeScript } = require('../../launcher/spawn-typescript');

spawnTypeScript({
  name: 'imgpipe-local',
  entry: path.join(__dirname, '../src/main.ts'),
  nodeFlags: ['--openssl-legacy-provider'],
});
