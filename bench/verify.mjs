// `verify`'s figures for the benchmark: each shared-corpus repository applied to a fresh PGlite
// (as `migration-lint verify` does), in one process. Prints JSON: per repository the engine's start
// (the first includes PGlite's own first start; later ones are clones of a pristine server), the
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
await stopEngines();
process.stdout.write(`${JSON.stringify({ rows, totalMs: performance.now() - started })}\n`);
