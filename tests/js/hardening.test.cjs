// The bad-input matrix of issue 14, through the CLI: each input gets correct findings, or exit 2 and
// one line naming the input; never a stack trace, never a partial report presented as complete.
// (The cases that already held are in cli.test.cjs, history.test.cjs and adoption.test.cjs: a
// missing file or folder, a file given as a folder, migration.sql a folder, an empty folder,
// invalid config, non-UTF-8 text, a bad --base, --base outside git. Threads: threads.test.mjs.)

const fs = require('node:fs');
const path = require('node:path');
const { tempDir, runCli, snapshot, SAFE } = require('./helpers.cjs');

/** A project whose prisma/migrations holds `migrations` (name -> SQL text or Buffer). */
function project(migrations) {
  const root = tempDir();
  for (const [name, sql] of Object.entries(migrations)) {
    const dir = path.join(root, 'prisma/migrations', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  }
  fs.writeFileSync(path.join(root, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
  return root;
}

const json = (result) => {
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};
const where = (report) => report.findings.map((f) => `${f.rule}@${f.line}:${f.column}`);

test('a byte-order mark does not count as a column, and CRLF line ends keep columns right', () => {
  const sql = '\uFEFFDROP TABLE "Session";\r\nALTER TABLE "User"\r\n  DROP COLUMN "legacyEmail",\r\n\tDROP COLUMN "legacyName";\r\n';
  const root = project({ '20240101000000_init': SAFE, '20240102000000_drop_session_and_user_columns': sql });
  const report = json(runCli(['check-destructive', '--format', 'json', '--fail-on', 'never'], { cwd: root }));
  expect(where(report)).toEqual(['drop-table@1:1', 'drop-column@3:3', 'drop-column@4:2']);
  const first = report.findings[0];
  expect([first.start, first.startUtf16]).toEqual([3, 1]); // bytes count the BOM's 3 bytes; JS indices 1
});

test('a 10 MB migration on one line, without a newline, is read whole with exact columns', () => {
  const rows = [];
  for (let i = 0, length = 0; length < 10e6; i++) {
    rows.push(`(${i}, 'user${i}@example.com')`);
    length += rows[i].length + 2;
  }
  const insert = `INSERT INTO "User" ("id", "legacyEmail") VALUES ${rows.join(', ')};`;
  const sql = `${insert} DELETE FROM "Session"; DROP TABLE "Session";`;
  expect(sql.length).toBeGreaterThan(10e6);
  const root = project({ '20240101000000_init': SAFE, '20240102000000_seed_user_table': sql });
  const report = json(runCli(['check-destructive', '--format', 'json', '--fail-on', 'never'], { cwd: root }));
  const found = report.findings.filter((f) => f.file.includes('seed'));
  expect(where({ findings: found })).toEqual([
    `delete-rows@1:${sql.indexOf('DELETE') + 1}`,
    `drop-table@1:${sql.indexOf('DROP TABLE') + 1}`,
  ]);
  expect(report.summary.scanned).toBe(0);
});

test('an unreadable migration.sql is exit 2 with one line naming it, and nothing is written', () => {
  const root = project({ '20240101000000_init': SAFE, '20240102000000_drop_session_table': 'DROP TABLE "Session";\n' });
  const file = path.join(root, 'prisma/migrations/20240102000000_drop_session_table/migration.sql');
  const before = snapshot(root);
  let env = {};
  if (process.getuid && process.getuid() !== 0) {
    fs.chmodSync(file, 0o000);
  } else {
    // root reads a mode-000 file: the error path is simulated, with the error Node gives then.
    const preload = path.join(tempDir(), 'eacces.cjs');
    fs.writeFileSync(
      preload,
      `const fs = require('node:fs');\nconst read = fs.readFileSync;\n` +
        `fs.readFileSync = function (p, ...rest) {\n` +
        `  if (String(p).endsWith(${JSON.stringify(path.relative(root, file))})) {\n` +
        `    throw Object.assign(new Error("EACCES: permission denied, open '" + p + "'"), { code: 'EACCES' });\n  }\n` +
        `  return read.call(this, p, ...rest);\n};\nrequire('node:module').syncBuiltinESMExports();\n`,
    );
    env = { NODE_OPTIONS: `--require ${preload}` };
  }
  const result = runCli(['check-destructive'], { cwd: root, env });
  fs.chmodSync(file, 0o644);
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr: 'migration-lint: cannot read prisma/migrations/20240102000000_drop_session_table/migration.sql: permission denied\n',
  });
  expect(snapshot(root)).toEqual(before);
});

test('a folder of 20,000 migrations is checked whole', () => {
  const migrations = { '20240101000000_init': SAFE };
  const start = Date.UTC(2024, 0, 2);
  for (let i = 0; i < 20_000; i++) {
    const stamp = new Date(start + i * 60_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    migrations[`${stamp}_add_user_column_${i}`] = `ALTER TABLE "User" ADD COLUMN "c${i}" TEXT;\n`;
  }
  const root = project(migrations);
  const report = json(runCli(['check', '--format', 'json', '--fail-on', 'never'], { cwd: root }));
  expect(report.summary.files).toBe(20_001);
  expect(report.summary.statements).toBe(20_000 + 3);
  // Well-named, in order, each adding a column: nothing to report, however many there are.
  expect(report.findings).toEqual([]);
});
