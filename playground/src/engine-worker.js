// Runs PostgreSQL itself (PGlite: PostgreSQL compiled to WebAssembly) in the page, off the main
// thread, loaded only when "Run on PostgreSQL" is first pressed. Its files (the engine's .wasm and
// data, the extensions' bundles) come from the page's own origin, like the checker's.
// Protocol: the page posts { id, sql, name, earlier }; the worker answers
// { type: 'result', id, report, engine, elapsedMs } or { type: 'error', id, error }.

import * as core from 'migration-lint-core';
import { applyMigrations, startEngine } from 'migration-lint-engine';

const ready = core.init();

// The pasted history runs as one migration before the pasted migration, as Prisma would have
// applied it; each run gets a fresh server (a clone of a pristine one).
const EARLIER = '00000000000000_earlier_history';

async function run({ sql, name, earlier }) {
  await ready;
  const migrations = [];
  if (earlier.trim() !== '') migrations.push({ name: EARLIER, sql: earlier });
  migrations.push({ name: name || '99999999999999_pasted_migration', sql });
  const plan = core.verifyPlan({ migrations });
  const { db, version, startMs } = await startEngine(plan.extensions);
  try {
    const byName = new Map(migrations.map((m) => [m.name, m.sql]));
    const { outcomes, applyMs } = await applyMigrations(db, plan.migrations.map((n) => ({ name: n, sql: byName.get(n) })), core);
    const { report } = core.verifyReport({ folder: { migrations }, outcomes, engine: version });
    return { report, engine: { version, startMs, applyMs } };
  } finally {
    await db.close();
  }
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
