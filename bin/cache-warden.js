#!/usr/bin/env node
'use strict';
// The CLI lives in the esbuild bundle (src/cli/main.ts → dist/cli.js); `npm run build` creates it.
require('../dist/cli.js');
