// `status` reads `_prisma_migrations` rows written by Prisma Migrate itself: Prisma 6.19.3's CLI
// with its WASM schema engine (tests/prisma-offline/, installed here when missing) deploys to a
// throw-away PostgreSQL, a migration fails, `migrate resolve --rolled-back` marks it, a fixed
// version is deployed again. At each step `status` must say what Prisma will do, including where
// Prisma's own `migrate status` does not (after `resolve --rolled-back` it says "up to date").
// Prisma's pg adapter runs a file's statements one by one, so the migrations here are small and plain.
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, runCli, tempDir } = require('./helpers.cjs');
const { startPostgres, SUPERUSER_PASSWORD } = require('./postgres.cjs');

const FIXTURE = path.join(ROOT, 'tests/prisma-offline');
let pg;
let url;
let dir;

beforeAll(async () => {
  if (!fs.existsSync(path.join(FIXTURE, 'node_modules/.package-lock.json'))) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: FIXTURE, stdio: 'ignore' });
  }
  pg = await startPostgres();
  await pg.query('CREATE DATABASE deployed');
  url = pg.url('postgres', SUPERUSER_PASSWORD, 'deployed');
  dir = path.join(tempDir(), 'migrations');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
}, 180_000);
afterAll(() => pg?.stop());

/** `prisma <args>` as the team runs it, on this folder and database. */
function prisma(...args) {
  const env = { ...process.env, DATABASE_URL: url, MIGRATIONS_DIR: dir, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  // `resolve --rolled-back` probes for an engine binary it does not use.
  if (args[1] === 'resolve') env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/true';
  const result = spawnSync(process.execPath, [path.join(FIXTURE, 'node_modules/prisma/build/index.js'), ...args], { cwd: FIXTURE, env, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function migration(name, sql) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

function status() {
  const { code, stdout, stderr } = runCli(['status', dir, '--database-url', url, '--format', 'json']);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout);
  return { code, rules: report.findings.map((f) => `${f.rule} ${path.basename(f.file)}`), report };
}

test('each step of a failed deploy and its resolution, as Prisma wrote it', () => {
  migration('20250101000000_create_user_table', 'CREATE TABLE "User" ("id" INTEGER NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n');
  migration('20250102000000_add_email_to_user', 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\n');
  expect(prisma('migrate', 'deploy')).toMatchObject({ code: 0 });
  let now = status();
  expect(now.rules).toEqual([]);
  expect(now.code).toBe(0);
  expect(now.report.deployed[0]).toMatchObject({ table: true, applied: 2, pending: 0, failed: 0 });

  // A migration that fails on the database: Prisma records it as failed and stops.
  migration('20250103000000_add_plan_to_user', 'ALTER TABLE "Account" ADD COLUMN "plan" TEXT;\n');
  expect(prisma('migrate', 'deploy').code).not.toBe(0);
  now = status();
  expect(now.rules).toEqual(['migration-failed 20250103000000_add_plan_to_user']);
  expect(now.code).toBe(1);
  const failed = now.report.findings[0];
  expect(failed.help).toMatch(/Account/);
  expect(failed.help).toContain('prisma migrate resolve --rolled-back 20250103000000_add_plan_to_user');
  expect(prisma('migrate', 'deploy').out).toContain('P3009');

  // Marked rolled back: Prisma's status calls this up to date; it is pending.
  expect(prisma('migrate', 'resolve', '--rolled-back', '20250103000000_add_plan_to_user').code).toBe(0);
  expect(prisma('migrate', 'status').out).toContain('Database schema is up to date');
  now = status();
  expect(now.rules).toEqual(['migration-pending 20250103000000_add_plan_to_user']);
  expect(now.code).toBe(0);

  // Fixed and deployed again: applied, with the earlier attempt noted.
  fs.writeFileSync(path.join(dir, '20250103000000_add_plan_to_user', 'migration.sql'), 'ALTER TABLE "User" ADD COLUMN "plan" TEXT;\n');
  expect(prisma('migrate', 'deploy')).toMatchObject({ code: 0 });
  now = status();
  expect(now.rules).toEqual(['migration-rolled-back 20250103000000_add_plan_to_user']);
  expect(now.report.deployed[0]).toMatchObject({ applied: 3, pending: 0, failed: 0, missingLocally: 0 });

  // An applied file re-saved with CRLF is what Prisma applied; an edit is not.
  const first = path.join(dir, '20250101000000_create_user_table', 'migration.sql');
  fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace(/\n/g, '\r\n'));
  expect(status().rules).toEqual(['migration-rolled-back 20250103000000_add_plan_to_user']);
  fs.appendFileSync(first, 'CREATE INDEX "User_email_idx" ON "User"("email");\r\n');
  expect(status().rules).toEqual([
    'migration-edited-after-apply 20250101000000_create_user_table',
    'migration-rolled-back 20250103000000_add_plan_to_user',
  ]);
}, 120_000);
