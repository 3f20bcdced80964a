// Runs PostgreSQL itself (PGlite: PostgreSQL compiled to WebAssembly) in the page, off the main
// thread, loaded only when "Run on PostgreSQL" is first pressed. Its files (the engine's .wasm and
// data, the extensions' bundles) come from the page's own origin, like the checker's.
// Protocol: the page posts { id, sql, name, earlier }; the worker answers
// { type: 'result', id, report, engine, elapsedMs } or { type: 'error', id, error }.

import * as core from 'migration-lint-core';
import { verifyFolder } from 'migration-lint-engine';

const ready = core.init();

/** The name the earlier history runs under; the page (main.js) tells its findings apart by it. */
const EARLIER = '00000000000000_earlier_history';

// The pasted history runs as one migration before the pasted migration, as Prisma would have
// applied it; each run gets a fresh server (a clone of a pristine one).
async function run({ sql, name, earlier }) {
  await ready;
  const migrations = [];
  if (earlier.trim() !== '') migrations.push({ name: EARLIER, sql: earlier });
  migrations.push({ name: name || '99999999999999_pasted_migration', sql });
  const { input, engine } = await verifyFolder({ migrations }, core);
  return { report: core.verifyReport(input).report, engine };
}

let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  const started = performance.now();
  queue = queue.then(() =>
    run(data).then(
      (result) => self.postMessage({ type: 'result', id: data.id, ...result, elapsedMs: performance.now() - started }),
      (error) => self.postMessage({ type: 'error', id: data.id, error: String(error?.message ?? error) }),
    ),
  );
};
