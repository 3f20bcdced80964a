// `npm run test:playground`: install what the end-to-end tests need (the playground's packages,
// Debian's Chromium), build the page when it is stale, then run the tests with Node's runner.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { PLAYGROUND, prepareAll } from './prepare.mjs';

prepareAll('playground tests');
const result = spawnSync(process.execPath, ['--test', join(PLAYGROUND, 'tests', 'e2e.mjs')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
