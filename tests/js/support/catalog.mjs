// Test support: replay a Prisma Migrate history on PGlite (PostgreSQL compiled to WASM) the way
// `prisma migrate deploy` sends it (each migration.sql as ONE simple query, in Prisma's order),
// then read back PostgreSQL's real catalog in a stable JSON shape. Jest tests compare that with
// the linter's static schema model.
//
// CLI: node tests/js/support/catalog.mjs <migrations-dir> [out.json]
//   writes { applied, failure, catalog } as pretty JSON (to out.json, or to stdout).

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';

// Every extension the corpus creates that PGlite ships. pgvector (`vector`) was exported as
// `@electric-sql/pglite/vector` up to 0.4.x; 0.5.x no longer ships it, so load it only if present.
async function defaultExtensions() {
  const extensions = { btree_gist, citext, pg_trgm, pgcrypto, uuid_ossp };
  try {
    extensions.vector = (await import('@electric-sql/pglite/vector')).vector;
  } catch {
    // not shipped by this PGlite version: CREATE EXTENSION vector fails with 0A000
  }
  return extensions;
}

/** Runs one migration text as a single simple query. Returns null or { sqlstate, message }. */
export async function applyOne(db, sql) {
  try {
    await db.exec(sql);
    return null;
  } catch (err) {
    // A text that opened its own BEGIN leaves the session in an aborted transaction (25P02 after).
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    return { sqlstate: err.code ?? null, message: err.message };
  }
}

/**
 * Applies [{ name, sql }] in the given order on a fresh PGlite; stops at the first failure, as
 * `migrate deploy` does, unless `skipFailed` (then every failure is listed in `skipped` and the
 * rest applied: each failed file was rolled back whole, being one transaction).
 */
export async function applyHistory(migrations, { extensions, skipFailed = false } = {}) {
  const db = await PGlite.create({ extensions: extensions ?? (await defaultExtensions()) });
  await db.exec('SET search_path = public');
  const applied = [];
  const skipped = [];
  let failure = null;
  for (const { name, sql } of migrations) {
    const error = await applyOne(db, sql);
    if (error) {
      failure ??= { name, ...error };
      skipped.push({ name, ...error });
      if (!skipFailed) break;
      continue;
    }
    applied.push(name);
  }
  return { db, applied, failure, skipped };
}

// Schemas of the user's objects, and "not created by an extension" for a catalog row.
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
const notExt = (catalog, oid) => `NOT EXISTS (SELECT 1 FROM pg_depend d
  WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const TABLE = `c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`;

const QUERIES = {
  tables: `SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${TABLE} AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  columns: `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS name,
      row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      pg_get_expr(ad.adbin, ad.adrelid) AS "default"
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped
      AND ${TABLE} AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  enums: `SELECT n.nspname AS schema, t.typname AS name,
      array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE ${USER_NS} AND ${notExt('pg_type', 't.oid')}
    GROUP BY n.nspname, t.typname`,
  indexes: `SELECT n.nspname AS schema, c.relname AS "table", i.relname AS name,
      x.indisunique AS "unique", x.indisprimary AS "primary"
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname <> '_prisma_migrations' AND ${USER_NS}
      AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_class', 'i.oid')}`,
  constraints: `SELECT n.nspname AS schema, c.relname AS "table", k.conname AS name,
      k.contype::text AS type
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relname <> '_prisma_migrations'
      AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_constraint', 'k.oid')}`,
  views: `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  sequences: `SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  functions: `SELECT n.nspname AS schema, p.proname AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NS} AND ${notExt('pg_proc', 'p.oid')}`,
  triggers: `SELECT n.nspname AS schema, c.relname AS "table", g.tgname AS name
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT g.tgisinternal AND ${USER_NS}
      AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_trigger', 'g.oid')}`,
};

const SORT_KEYS = {
  tables: ['schema', 'name'],
  columns: ['schema', 'table', 'position'],
  enums: ['schema', 'name'],
  indexes: ['schema', 'table', 'name'],
  constraints: ['schema', 'table', 'name'],
  views: ['schema', 'name'],
  sequences: ['schema', 'name'],
  functions: ['schema', 'name'],
  triggers: ['schema', 'table', 'name'],
};

// Code-unit order, independent of the database's collation.
const byKeys = (keys) => (a, b) => {
  for (const k of keys) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
};

/** Reads the user schemas' catalog as { tables, columns, enums, ..., triggers }, each sorted. */
export async function readCatalog(db) {
  await db.exec('SET search_path = public');
  const catalog = {};
  for (const [key, sql] of Object.entries(QUERIES)) {
    const { rows } = await db.query(sql);
    catalog[key] = rows.sort(byKeys(SORT_KEYS[key]));
  }
  return catalog;
}

/**
 * Migrations as `readMigrationsDir` gives them, with SQL, in Prisma's order: `listMigrations` in
 * `@prisma/migrate` sorts folder names with `localeCompare` (the core's `compare_names` redoes it).
 */
export function prismaOrder(migrations) {
  return migrations.filter((m) => typeof m.sql === 'string').sort((a, b) => a.name.localeCompare(b.name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir, out] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tests/js/support/catalog.mjs <migrations-dir> [out.json]');
    process.exit(2);
  }
  const { readMigrationsDir } = await import('../../../js/files.mjs');
  const { db, applied, failure } = await applyHistory(prismaOrder(readMigrationsDir(dir).migrations));
  const json = JSON.stringify({ applied: applied.length, failure, catalog: await readCatalog(db) }, null, 2);
  await db.close();
  if (out) writeFileSync(out, json + '\n');
  else process.stdout.write(json + '\n');
}
