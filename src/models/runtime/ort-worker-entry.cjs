'use strict';
// Worker entry: TypeScript through tsx, as the bin does, then the session host.
require('tsx/cjs');
require('./ort-worker-host.ts');
