// The schema model against PostgreSQL itself: each shared-corpus repository is verified
// (`verifyMigrations`: applied to PGlite, PostgreSQL compiled to WASM, as `prisma migrate deploy`
// sends it, each migration.sql as one simple query in Prisma's order), and the catalog PostgreSQL
// then holds (format_type, pg_get_expr, ...) must equal what `replaySchema` replays without a
// database. Each repository verifies with the failures it really has (EXPECTED, listed in the README). What the model says it could not
// follow is skipped, each skip named with its reason, and the list of skips is written out below
// (EXPECTED): it cannot grow unseen.
import fs from 'node:fs';
import path from 'node:path';

import { stopEngines } from '../../js/engine.mjs';
import { readMigrationsDir, replaySchema, verifyMigrations } from '../../js/index.mjs';
import helpers from './helpers.cjs';

const { ROOT } = helpers;
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const REPOS = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((name) => name.includes('__')).sort() : [];

/**
 * Per repository: what `verify` notes and which migrations fail on PGlite, and what the comparison
 * skipped (none elsewhere). Every repository applies in full: formbricks' pgvector migration too,
 * with the extension loaded on demand.
 */
const EXPECTED = {
  formbricks__formbricks: {
    notes: [],
    failures: [],
    skipped: [
      `default of column public.Survey.recaptcha: the model does not print '{"enabled": false, "threshold": 0.1}'::jsonb`,
      'table FeedbackSource: changed in a DO block, which the model does not follow',
    ],
  },
};

const LISTS = {
  tables: { key: (r) => `${r.schema}.${r.name}`, table: (r) => `${r.schema}.${r.name}` },
  columns: { key: (r) => `${r.schema}.${r.table}.${r.name}`, table: (r) => `${r.schema}.${r.table}` },
  enums: { key: (r) => `${r.schema}.${r.name}` },
  indexes: { key: (r) => `${r.schema}.${r.table}.${r.name}`, table: (r) => `${r.schema}.${r.table}` },
  constraints: { key: (r) => `${r.schema}.${r.table}.${r.name}`, table: (r) => `${r.schema}.${r.table}` },
  views: { key: (r) => `${r.schema}.${r.name}` },
  sequences: { key: (r) => `${r.schema}.${r.name}` },
  functions: { key: (r) => `${r.schema}.${r.name}` },
  triggers: { key: (r) => `${r.schema}.${r.table}.${r.name}`, table: (r) => `${r.schema}.${r.table}` },
};

/** `table X`, `type X`, `type of T.c`, `default of T.c` from the model's `uncertain` list. */
function uncertainty(ours) {
  const qualify = (name) => (name.includes('.') && !name.startsWith('"') ? name : `public.${name}`);
  const sets = { table: new Set(), type: new Set(), columnType: new Set(), columnDefault: new Set() };
  for (const entry of ours.uncertain) {
    // `table T: why`, `type T: why`, `type of T.c`, `default of T.c`
    const [, kind, name] = /^(table|type of|default of|type) ([^:]+)(?::.*)?$/s.exec(entry);
    if (kind === 'table') sets.table.add(qualify(name));
    if (kind === 'type') sets.type.add(qualify(name));
    if (kind === 'type of') sets.columnType.add(`public.${name}`);
    if (kind === 'default of') sets.columnDefault.add(`public.${name}`);
  }
  return sets;
}

const unquote = (type) => type.replace(/\[\]$/, '').replace(/^"(.*)"$/, '$1');

/** The differences between the two catalogs, and what was skipped and why. */
function compare(ours, pg) {
  const unsure = uncertainty(ours);
  const differences = [];
  const skipped = new Set();
  for (const [list, { key, table }] of Object.entries(LISTS)) {
    const mine = new Map(ours[list].map((row) => [key(row), row]));
    const theirs = new Map(pg[list].map((row) => [key(row), row]));
    const skip = (row) => {
      if (table && unsure.table.has(table(row))) {
        skipped.add(ours.uncertain.find((entry) => entry.startsWith(`table ${table(row).replace(/^public\./, '')}:`)));
        return true;
      }
      if (list === 'enums' && unsure.type.has(`${row.schema}.${row.name}`)) {
        skipped.add(ours.uncertain.find((entry) => entry.startsWith(`type ${row.name}:`)));
        return true;
      }
      return false;
    };
    for (const [name, row] of theirs) {
      if (skip(row)) continue;
      const own = mine.get(name);
      if (!own) {
        differences.push(`${list}: PostgreSQL has ${name} ${JSON.stringify(row)}, the model does not`);
        continue;
      }
      for (const field of Object.keys(row)) {
        if (list === 'columns' && field === 'type' && unsure.columnType.has(name)) {
          skipped.add(`type and default of column ${name}: ${row.type} is a type created in a DO block`);
          continue;
        }
        if (list === 'columns' && field === 'default' && (unsure.columnDefault.has(name) || unsure.columnType.has(name))) {
          if (!unsure.columnType.has(name)) skipped.add(`default of column ${name}: the model does not print ${row.default}`);
          continue;
        }
        if (JSON.stringify(row[field]) !== JSON.stringify(own[field])) {
          differences.push(`${list}: ${name}.${field} is ${JSON.stringify(row[field])} in PostgreSQL, ${JSON.stringify(own[field])} in the model`);
        }
      }
    }
    for (const [name, row] of mine) {
      if (!theirs.has(name) && !skip(row)) differences.push(`${list}: the model has ${name}, PostgreSQL does not`);
    }
  }
  // A type the model could not follow may still be a column's type, unquoted in the skip above.
  for (const column of pg.columns) {
    if (unsure.type.has(`public.${unquote(column.type)}`)) skipped.add(`enum public.${unquote(column.type)}: created or changed in a DO block`);
  }
  return { differences, skipped: [...skipped].sort() };
}

// As the Rust corpus tests do: without ../shared/corpus (a checkout elsewhere) this is skipped,
// and says so.
const withCorpus = fs.existsSync(CORPUS) ? describe : describe.skip;
if (!fs.existsSync(CORPUS)) console.warn(`note: ${CORPUS} not found; the PGlite corpus comparison is skipped`);

withCorpus('the schema model agrees with PostgreSQL on every corpus repository', () => {
  test('the corpus is there', () => {
    expect(REPOS.length).toBeGreaterThanOrEqual(9);
  });

  afterAll(() => stopEngines());

  test.each(REPOS)('%s', async (repo) => {
    const dir = path.join(CORPUS, repo);
    const input = readMigrationsDir(dir);
    const { report, schema: catalog } = await verifyMigrations(dir, { schema: true });
    const notes = report.verification.notes;
    const failures = catalog.failures.map(({ migration, sqlstate, message }) => `${migration}: ${sqlstate} ${message}`);
    // The migrations PostgreSQL refused are exactly the ones the model says it refuses.
    const ours = replaySchema(input);
    expect(ours.migrations).toBe(catalog.migrations);
    expect(ours.failures.map((f) => `${f.migration} ${f.sqlstate}`)).toEqual(catalog.failures.map((f) => `${f.migration} ${f.sqlstate}`));
    expect(report.findings.filter((f) => f.rule === 'migration-fails').length).toBe(catalog.failures.length);
    expect(report.verification.applied).toBe(catalog.migrations - catalog.failures.length);
    const { differences, skipped } = compare(ours, catalog);
    expect(ours.extensions).toEqual(catalog.extensions);
    expect(differences).toEqual([]);
    const expected = EXPECTED[repo] ?? { notes: [], failures: [], skipped: [] };
    expect({ notes, failures, skipped }).toEqual(expected);
    // Something real was compared.
    expect(catalog.tables.length).toBeGreaterThan(5);
  }, 120_000);
});
