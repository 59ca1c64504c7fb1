#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx in a checkout; a built image (sources pruned) runs dist/.
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..');
const source = path.join(root, 'cli', 'main.ts');
let cli;
if (fs.existsSync(source)) {
  require('tsx/cjs');
  cli = require(source);
} else {
  cli = require(path.join(root, 'dist', 'cli', 'main.js'));
}
cli.main(process.argv);
