// The Node entry, for `import` and `require` alike (Node 20.19+ and 22.12+ `require()` an ES module
// that has no top-level await: neither this file nor anything it imports may have one). The WASM
// module is compiled and instantiated synchronously at import time, so every function here is
// synchronous.

import { readFileSync, statSync } from 'node:fs';

import * as glue from '../pkg/migration_lint.js';
import { createApi, expectOptions } from './api.mjs';
import { DatabaseError, readDeployed } from './database.mjs';
import { EngineMissingError, shippedExtensions, verifyFolder } from './engine.mjs';
import { migrationLockHolder, MigrationLockTimeoutError, PRISMA_MIGRATE_LOCK, withMigrationLock } from './lock.mjs';
import { InputError, readMigrationsDir } from './files.mjs';
import { GitError, readGitBase } from './git.mjs';

glue.initSync({ module: readFileSync(new URL('../pkg/migration_lint_bg.wasm', import.meta.url)) });

const api = createApi(glue);

export const {
  checkSql,
  checkMigrationsInput,
  checkDestructiveInput,
  verifyOrder,
  validateName,
  parseConfig,
  replaySchema,
  rules,
  formats,
  schemaFormats,
  thresholds,
  mergeReports,
  runFolders,
  render,
  explain,
  suggest,
  failsAt,
  verifyPlan,
  engineStatements,
  verifyReport,
  runVerified,
  migrationStatusInput,
} = api;
export { EngineMissingError, GitError, InputError, readGitBase, readMigrationsDir, shippedExtensions };
export { DatabaseError, readDeployed };
export { migrationLockHolder, MigrationLockTimeoutError, PRISMA_MIGRATE_LOCK, withMigrationLock };

const CHECK_OPTIONS = ['checks', 'base', 'all', 'config', 'now'];
const CHECKS = ['all', 'destructive'];

/**
 * Check a Prisma migrations folder: every `<dir>/<name>/migration.sql` and the names, order and
 * lock file; with `base` (a git ref), the history against that branch too. Throws an
 * `InputError` naming the path when the folder is missing or a file cannot be read as UTF-8, and
 * a `GitError` when git cannot give the base.
 */
export function checkMigrations(dir, options) {
  if (typeof dir !== 'string') throw new TypeError('dir must be a string');
  const { checks = 'all', ...rest } = expectOptions(options, CHECK_OPTIONS, 'checkMigrations options');
  if (!CHECKS.includes(checks)) throw new TypeError(`options.checks must be one of ${CHECKS.join(', ')}`);
  const input = folderInput(dir, rest);
  return checks === 'destructive' ? api.checkDestructiveInput(input) : api.checkMigrationsInput(input);
}

/** A migrations folder read for the checks: an InputError when it is missing or not a folder. */
function folderInput(dir, { base, all = false, config, now = Math.floor(Date.now() / 1000) }) {
  let isDir;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`migrations folder not found: ${dir}`, dir);
  }
  if (!isDir) throw new InputError(`not a folder: ${dir}`, dir);
  const input = { ...readMigrationsDir(dir), now, all: Boolean(all), config: config ?? null };
  if (base !== undefined && base !== null) input.base = readGitBase(dir, base);
  return input;
}

const STATUS_OPTIONS = ['databaseUrl', 'config', 'statementTimeoutMs'];

/**
 * `status`: the migrations folder `dir` against the `_prisma_migrations` of the database at
 * `databaseUrl` (default: `DATABASE_URL`), read in one read-only transaction with node-postgres
 * (`pg`, an optional dependency). Resolves to a `Report`: pending, failed, edited after apply,
 * missing locally, applied out of order, rolled back and applied again. Rejects with an
 * `InputError` for the folder and a `DatabaseError` (one line, no password) for the database.
 */
export async function migrationStatus(dir, options) {
  if (typeof dir !== 'string') throw new TypeError('dir must be a string');
  const { databaseUrl = process.env.DATABASE_URL, config, statementTimeoutMs } = expectOptions(options, STATUS_OPTIONS, 'migrationStatus options');
  const folder = folderInput(dir, { config });
  const deployed = await readDeployed(databaseUrl, { statementTimeoutMs });
  return api.migrationStatusInput({ folder, deployed });
}

const VERIFY_OPTIONS = ['base', 'all', 'config', 'schema'];

/**
 * Apply a Prisma migrations folder to a fresh embedded PostgreSQL (PGlite, an optional dependency:
 * an `EngineMissingError` says how to install it) as `prisma migrate deploy` does, each
 * migration.sql as one query in Prisma's order, going on past a failure; report each migration
 * PostgreSQL refuses (`migration-fails`). With `base`, failures in deployed history are notes.
 * Resolves to `{ report, engine: { version, startMs, applyMs, migrations } }`, and with
 * `schema: true` also `schema`: the catalog PostgreSQL holds afterwards, in `replaySchema`'s shape.
 */
export async function verifyMigrations(dir, options) {
  if (typeof dir !== 'string') throw new TypeError('dir must be a string');
  const { schema = false, ...rest } = expectOptions(options, VERIFY_OPTIONS, 'verifyMigrations options');
  const input = folderInput(dir, rest);
  const missing = input.migrations.find((migration) => migration.sql === null);
  if (missing) throw new InputError(`${dir}/${missing.name} has no migration.sql`, `${dir}/${missing.name}`);
  return verifyMigrationsInput(input, { schema });
}

/** `verifyMigrations` over a folder already read into plain data (`MigrationsInput`). */
export async function verifyMigrationsInput(input, options) {
  const { schema = false } = expectOptions(options, ['schema'], 'verifyMigrationsInput options');
  const { input: answers, catalog, engine } = await verifyFolder(input, api, { schema: Boolean(schema) });
  const { report, failures } = api.verifyReport(answers);
  return schema ? { report, engine, schema: { migrations: engine.migrations, ...catalog, failures } } : { report, engine };
}
