#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx so that `npx groundstream` works right after `npm ci`.
require('tsx/cjs');
require('../src/main.ts');
