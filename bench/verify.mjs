// `verify`'s figures for the benchmark: each shared-corpus repository applied to a fresh PGlite
// (as `migration-lint verify` does), in one process. Prints JSON: per repository the engine's start
// (a clone of a pristine server when the extension set repeats, else PGlite's own start; the
// last repository is verified twice to time a clone), the
// time to apply every migration, and migrations per second. Usage: node bench/verify.mjs CORPUS
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { stopEngines } from '../js/engine.mjs';
import { verifyMigrations } from '../js/index.mjs';

const corpus = process.argv[2];
const rows = [];
const started = performance.now();
for (const repo of readdirSync(corpus).filter((name) => name.includes('__')).sort()) {
  const { report, engine } = await verifyMigrations(join(corpus, repo));
  rows.push({
    repo,
    migrations: engine.migrations,
    failed: report.verification.failed,
    startMs: engine.startMs,
    applyMs: engine.applyMs,
    perSecond: engine.migrations / (engine.applyMs / 1000),
  });
}
const totalMs = performance.now() - started;
// The last repository again: the same extensions, so its engine is a clone of the pristine one.
const last = rows.at(-1);
const again = await verifyMigrations(join(corpus, last.repo));
await stopEngines();
process.stdout.write(`${JSON.stringify({ rows, totalMs, clone: { repo: last.repo, startMs: again.engine.startMs } })}\n`);
