// `npm run playground`: install the playground's packages and build the page if needed, then
// serve it on http://127.0.0.1:PORT/ (PORT from --port N or $PORT, default 5178).

import { DIST, ensureBuilt, ensureNodeModules } from './prepare.mjs';
import { serve } from './server.mjs';

const flag = process.argv.indexOf('--port');
const port = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.PORT ?? 5178));

try {
  ensureNodeModules();
  ensureBuilt();
  const { url } = await serve(DIST, { port });
  console.log(`migration-lint playground: ${url}  (Ctrl+C to stop)`);
} catch (error) {
  console.error(`playground: ${error.message}`);
  process.exit(1);
}
