// `verify`: histories applied to PGlite (PostgreSQL 18 compiled to WASM) as `prisma migrate
// deploy` sends them, against what the static checks say about the same histories; the CLI's
// command, formats, exit codes and options; extensions; deployed history as notes.
import fs from 'node:fs';
import path from 'node:path';

import { checkDestructiveInput, readMigrationsDir, replaySchema, rules, verifyMigrations } from '../../js/index.mjs';
import { stopEngines } from '../../js/engine.mjs';
import helpers from './helpers.cjs';

const { gitIn, runCli, snapshot, tempDir, writeMigrations } = helpers;

afterAll(() => stopEngines());

const INIT = `CREATE TYPE "Role" AS ENUM ('USER');
CREATE TABLE "User" ("id" TEXT NOT NULL, "role" "Role" NOT NULL DEFAULT 'USER', CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
`;

/** Each history: the migrations after INIT. */
const HISTORIES = {
  clean: { '20240102000000_add_user_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n' },
  'CONCURRENTLY with other statements, and what depends on that file': {
    '20240102000000_add_user_index': 'CREATE INDEX CONCURRENTLY "User_role_idx" ON "User"("role");\nCREATE TABLE "Post" ("id" TEXT);\n',
    '20240103000000_add_post_title': 'ALTER TABLE "Post" ADD COLUMN "title" TEXT;\n',
  },
  'CONCURRENTLY alone in its file': { '20240102000000_add_user_index': 'CREATE INDEX CONCURRENTLY "User_role_idx" ON "User"("role");\n' },
  'a new enum value used in its transaction': {
    '20240102000000_add_role_admin': `ALTER TYPE "Role" ADD VALUE 'ADMIN';\nUPDATE "User" SET "role" = 'ADMIN';\n`,
  },
  'an unknown table': { '20240102000000_add_post_title': 'ALTER TABLE "Post" ADD COLUMN "title" TEXT;\n' },
  'an unknown column': { '20240102000000_drop_user_nick': 'ALTER TABLE "User" DROP COLUMN "nick";\n' },
  'a table created twice': { '20240102000000_create_user_table': 'CREATE TABLE "User" ("id" TEXT);\n' },
  'a missing index dropped': { '20240102000000_drop_user_index': 'DROP INDEX "User_role_idx";\n' },
  'a file with its own transaction': {
    '20240102000000_create_post_table': 'BEGIN;\nCREATE TABLE "Post" ("id" TEXT);\nALTER TABLE "Missing" ADD COLUMN "x" INT;\nCOMMIT;\n',
    '20240103000000_add_post_title': 'ALTER TABLE "Post" ADD COLUMN "title" TEXT;\n',
  },
  'a file that commits a part before it fails': {
    '20240102000000_create_post_table': 'BEGIN;\nCREATE TABLE "Post" ("id" TEXT);\nCOMMIT;\nALTER TABLE "Missing" ADD COLUMN "x" INT;\n',
    '20240103000000_add_post_title': 'ALTER TABLE "Post" ADD COLUMN "title" TEXT;\n',
  },
  'an unknown column type': { '20240102000000_create_post_table': 'CREATE TABLE "Post" ("kind" "Kind");\n' },
  'a required column added to a table with rows': {
    '20240102000000_add_user_email': `INSERT INTO "User" ("id") VALUES ('a');\nALTER TABLE "User" ADD COLUMN "email" TEXT NOT NULL;\n`,
  },
};

/**
 * Where the static checks and PostgreSQL part, and why: each difference is written out, so an
 * improvement of the model (or a regression) shows here.
 */
const KNOWN = {
  // The model does not check that a column's type exists (extension types it cannot list).
  'an unknown column type': { postgres: ['create_post_table 42704'], static: [] },
  // Data: the model does not know which rows the migrations insert.
  'a required column added to a table with rows': { postgres: ['add_user_email 23502'], static: [] },
};

// The rules whose finding means PostgreSQL refuses the statement, with the SQLSTATE it gives.
const REFUSING_RULES = { 'concurrently-in-transaction': '25001', 'enum-value-used-in-transaction': '55P04' };

function write(migrations) {
  const dir = writeMigrations(tempDir(), 'prisma/migrations', migrations);
  return { dir, input: readMigrationsDir(dir) };
}

const short = (name) => name.replace(/^\d{14}_/, '');

describe('verify and the static checks agree on which migrations fail, and with which SQLSTATE', () => {
  test.each(Object.keys(HISTORIES))('%s', async (label) => {
    const { dir, input } = write({ '20240101000000_init': INIT, ...HISTORIES[label] });
    const { report, schema } = await verifyMigrations(dir, { schema: true });
    // What PostgreSQL refused, and which of those verify marks as a likely knock-on effect.
    const knockOn = new Set(report.findings.filter((f) => f.message.includes('knock-on')).map((f) => short(f.file.split('/').at(-2))));
    const postgres = schema.failures.map((f) => `${short(f.migration)} ${f.sqlstate}`).sort();
    // What the checks say without a database: the model's refusals and the refusing rules.
    const model = replaySchema(input).failures.map((f) => `${short(f.migration)} ${f.sqlstate}`);
    const ruled = checkDestructiveInput(input)
      .findings.filter((f) => REFUSING_RULES[f.rule])
      .map((f) => `${short(f.file.split('/').at(-2))} ${REFUSING_RULES[f.rule]}`);
    const staticly = [...new Set([...model, ...ruled])].sort();
    if (KNOWN[label]) {
      expect({ postgres, static: staticly }).toEqual(KNOWN[label]);
    } else {
      // Everything the checks predict, PostgreSQL refuses; what they miss is a knock-on effect
      // only (the model does not undo a file that fails for want of a transaction).
      expect(staticly.filter((failure) => !postgres.includes(failure))).toEqual([]);
      expect(postgres.filter((failure) => !staticly.includes(failure) && !knockOn.has(failure.split(' ')[0]))).toEqual([]);
    }
    // Every failure is a finding on the line the engine's failure names.
    expect(report.findings.filter((f) => f.rule === 'migration-fails').map((f) => `${short(f.file.split('/').at(-2))} ${f.line}`)).toEqual(
      schema.failures.map((f) => `${short(f.migration)} ${f.line}`),
    );
  }, 60_000);
});

test('the rule\'s own examples: the bad one is refused, the good one applies', async () => {
  const meta = rules().find((rule) => rule.id === 'migration-fails');
  const bad = await verifyMigrations(write({ '20240101000000_add_title': meta.bad }).dir);
  expect(bad.report.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['migration-fails', 1, 1]]);
  expect(bad.report.findings[0].message).toMatch(/relation "Post" does not exist \(SQLSTATE 42P01\)$/);
  const good = await verifyMigrations(write({ '20240101000000_add_title': meta.good }).dir);
  expect(good.report.findings).toEqual([]);
  expect(good.report.verification).toMatchObject({ migrations: 1, applied: 1, failed: 0, notVerified: 0 });
  expect(good.engine.version).toMatch(/^PostgreSQL 18\.\d+ \(PGlite 0\.5\.14\)$/);
});

test('the error position PostgreSQL gives is the finding\'s line and column, in characters', async () => {
  const { dir } = write({ '20240101000000_init': 'CREATE TABLE "Café" ("id" TEXT);\n-- «comment»\nSELECT "nope" FROM "Café";\n' });
  const { report } = await verifyMigrations(dir);
  expect(report.findings.map((f) => [f.line, f.column, f.excerpt])).toEqual([[3, 8, '"nope" FROM "Café";']]);
  expect(report.findings[0].message).toContain('column "nope" does not exist (SQLSTATE 42703)');
});

test('extensions PGlite ships load on demand (pgvector included); a missing one is a note, not a failure', async () => {
  const { dir } = write({
    '20240101000000_init': 'CREATE EXTENSION IF NOT EXISTS "vector";\nCREATE EXTENSION "uuid-ossp";\nCREATE TABLE "Doc" ("id" UUID DEFAULT uuid_generate_v4(), "e" vector(3));\n',
    '20240102000000_add_place_table': 'CREATE EXTENSION postgis;\nCREATE TABLE "Place" ("g" geometry);\n',
    '20240103000000_add_place_index': 'CREATE INDEX "Place_g_idx" ON "Place" USING gist ("g");\n',
  });
  const { report, schema } = await verifyMigrations(dir, { schema: true });
  expect(report.findings).toEqual([]);
  expect(schema.extensions).toEqual(['uuid-ossp', 'vector']);
  expect(report.verification).toMatchObject({ migrations: 3, applied: 1, failed: 0, notVerified: 2 });
  expect(report.verification.notes).toEqual([
    expect.stringMatching(/^`20240102000000_add_place_table` needs extension `postgis`, which PostgreSQL 18\.\d+ \(PGlite 0\.5\.14\) does not ship/),
    expect.stringMatching(/^`20240103000000_add_place_index` not verified: .* because `20240102000000_add_place_table` could not be applied without extension `postgis`$/),
  ]);
});

describe('the CLI', () => {
  const FAILING = {
    '20240101000000_init': INIT,
    '20240102000000_drop_user_table': 'DROP TABLE "User";\n',
    '20240103000000_add_user_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n',
  };

  test('verify: the failures, the summary, exit 1; nothing written', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'prisma/migrations', FAILING);
    const before = snapshot(root);
    const { code, stdout, stderr } = runCli(['verify', '--format', 'json'], { cwd: root });
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['migration-fails', 'prisma/migrations/20240103000000_add_user_name/migration.sql', 1],
    ]);
    expect(report.verification).toMatchObject({ migrations: 3, applied: 2, failed: 1, notVerified: 0, notes: [] });
    expect(snapshot(root)).toEqual(before);
    // --fail-on never: the same report, exit 0.
    expect(runCli(['verify', dir, '--fail-on', 'never']).code).toBe(0);
  }, 60_000);

  test('check --verify: the checks and the engine in one report; markdown says where PostgreSQL stands', () => {
    const dir = writeMigrations(tempDir(), 'prisma/migrations', FAILING);
    const { code, stdout } = runCli(['check-destructive', dir, '--verify', '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toContain('❌ verified on PostgreSQL 18.');
    expect(stdout).toContain('drop-table');
    expect(stdout).toContain('migration-fails');
    const clean = writeMigrations(tempDir(), 'prisma/migrations', { '20240101000000_init': INIT });
    const ok = runCli(['check-destructive', clean, '--verify', '--format', 'markdown']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/🐘 applies on PostgreSQL 18\.\d+ \(PGlite 0\.5\.14\): its 1 migration/);
  }, 60_000);

  test('verify --schema prints the catalog in the shape of schema --format json', () => {
    const dir = writeMigrations(tempDir(), 'prisma/migrations', { '20240101000000_init': INIT });
    const engine = runCli(['verify', dir, '--schema']);
    const model = runCli(['schema', dir, '--format', 'json']);
    expect(engine.code).toBe(0);
    expect(JSON.parse(engine.stdout)).toEqual(JSON.parse(model.stdout));
  }, 60_000);

  test('usage errors exit 2 before any engine starts', () => {
    const dir = writeMigrations(tempDir(), 'prisma/migrations', { '20240101000000_init': INIT });
    const cases = [
      [['verify', path.join(dir, '20240101000000_init/migration.sql')], /verify applies a migrations folder, not a file/],
      [['check', dir, '--schema'], /--schema is an option of verify/],
      [['verify', dir, '--verify'], /--verify is for check and check-destructive/],
      [['verify', dir, '--schema', '--format', 'text'], /verify --schema prints JSON/],
      [['schema', dir, '--verify'], /--verify does not apply to schema/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = runCli(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(message);
    }
    fs.rmSync(path.join(dir, '20240101000000_init/migration.sql'));
    const missing = runCli(['verify', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/20240101000000_init has no migration\.sql/);
  }, 60_000);

  test('with a base, a deployed migration that fails is a note (drift outside migrations), not a finding', () => {
    const root = tempDir();
    const git = gitIn(root);
    git('init', '-q', '-b', 'main');
    const dir = writeMigrations(root, 'prisma/migrations', { '20240101000000_add_user_name': 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n' });
    git('add', '.');
    git('commit', '-q', '-m', 'deployed');
    git('checkout', '-q', '-b', 'feature');
    fs.mkdirSync(path.join(dir, '20240102000000_create_post_table'));
    fs.writeFileSync(path.join(dir, '20240102000000_create_post_table/migration.sql'), 'CREATE TABLE "Post" ("id" TEXT);\n');
    const { code, stdout } = runCli(['verify', '--base', 'main', '--format', 'json'], { cwd: root });
    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.verification.notes).toEqual([
      expect.stringMatching(/^`20240101000000_add_user_name` is deployed on the base branch but fails on a fresh PostgreSQL .*relation "User" does not exist/),
    ]);
  }, 60_000);
});
