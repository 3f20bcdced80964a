// The CLI as users run it: exit codes, formats, thresholds, colour, and a clear message naming the
// path for every input error, with nothing written anywhere.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT, tempDir, writeMigrations, runCli, snapshot, SAFE, DROP_TABLE, DROP_COLUMNS, DROP_INDEX } = require('./helpers.cjs');
const { version } = require('../../package.json');

/** A project folder with a prisma/migrations folder holding `migrations`. */
function project(migrations) {
  const root = tempDir();
  writeMigrations(root, 'prisma/migrations', migrations);
  return root;
}

describe('exit codes and output', () => {
  test('several folders are checked in one run, as one report', () => {
    const cwd = tempDir();
    writeMigrations(cwd, 'packages/a/prisma/migrations', { '20240101000000_init': SAFE, '20240102000000_drop_session_table': DROP_TABLE });
    writeMigrations(cwd, 'packages/b/prisma/migrations', { '20240101000000_drop_user_columns': DROP_COLUMNS });
    const { code, stdout, stderr } = runCli(
      ['check-destructive', 'packages/a/prisma/migrations', 'packages/b/prisma/migrations', '--format', 'json'],
      { cwd },
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['drop-table', 'packages/a/prisma/migrations/20240102000000_drop_session_table/migration.sql'],
      ['drop-column', 'packages/b/prisma/migrations/20240101000000_drop_user_columns/migration.sql'],
      ['drop-column', 'packages/b/prisma/migrations/20240101000000_drop_user_columns/migration.sql'],
    ]);
    expect(report.summary).toMatchObject({ files: 3, high: 3 });
    // The text format still frames both folders' SQL.
    const text = runCli(['check-destructive', 'packages/a/prisma/migrations', 'packages/b/prisma/migrations'], { cwd }).stdout;
    expect(text).toContain('DROP TABLE "Session";');
    expect(text).toContain('DROP COLUMN "legacyName";');
  });

  test('a clean folder exits 0 with a summary line', () => {
    const cwd = project({ '20240101000000_init': SAFE });
    const { code, stdout, stderr } = runCli(['check-destructive'], { cwd });
    expect(stderr).toBe('');
    expect(stdout).toBe(
      'no findings in 1 file (3 statements); no base: the 1 migration checked; run `migration-lint init` or pass --base to check only new ones\n',
    );
    expect(code).toBe(0);
  });

  test('a DROP TABLE exits 1 with a code frame naming file, line and column', () => {
    const cwd = project({ '20240101000000_init': SAFE, '20240102000000_drop_sessions': DROP_TABLE });
    const { code, stdout } = runCli(['check-destructive', 'prisma/migrations'], { cwd });
    expect(stdout).toContain('high[drop-table]: drops table `Session`');
    expect(stdout).toContain(' --> prisma/migrations/20240102000000_drop_sessions/migration.sql:2:1\n');
    expect(stdout).toContain('2 | DROP TABLE "Session";\n  | ^^^^');
    expect(stdout).toMatch(/\n {2}= why: .+\n {2}= help: .+\n/);
    expect(stdout).toMatch(/1 finding: 1 high, 0 medium, 0 low in 2 files \(4 statements\); no base: every migration \(2\) checked; .+\n$/);
    expect(stdout).toMatch(/^prisma\/migrations\/20240102000000_drop_sessions \(1 high\)\n\n/);
    expect(stdout).toContain('  = approve: add above line 2: -- migration-lint approve drop-table: <reason>\n');
    expect(code).toBe(1);
  });

  test('--format json prints {findings, summary}', () => {
    const cwd = project({ '20240101000000_drop_legacy': DROP_COLUMNS });
    const { code, stdout } = runCli(['check-destructive', '--format', 'json'], { cwd });
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['findings', 'summary', 'scopes']);
    expect(report.scopes).toEqual([{ dir: 'prisma/migrations', migrations: 1, checked: 1, all: false }]);
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ['drop-column', 'high', 'prisma/migrations/20240101000000_drop_legacy/migration.sql', 1],
      ['drop-column', 'high', 'prisma/migrations/20240101000000_drop_legacy/migration.sql', 2],
    ]);
    for (const key of ['category', 'column', 'endLine', 'endColumn', 'message', 'help', 'excerpt']) {
      expect(report.findings[0]).toHaveProperty(key);
    }
    expect(report.summary).toMatchObject({ files: 1, statements: 1, high: 2, medium: 0, low: 0 });
    expect(code).toBe(1);
  });

  test('--fail-on sets the severity that fails the run', () => {
    const cwd = project({ '20240101000000_drop_index': DROP_INDEX });
    expect(runCli(['check-destructive'], { cwd }).code).toBe(0);
    expect(runCli(['check-destructive', '--fail-on', 'high'], { cwd }).code).toBe(0);
    expect(runCli(['check-destructive', '--fail-on', 'medium'], { cwd }).code).toBe(1);
    expect(runCli(['check-destructive', '--fail-on=low'], { cwd }).code).toBe(1);
    const drop = project({ '20240101000000_drop': DROP_TABLE });
    const never = runCli(['check-destructive', '--fail-on', 'never'], { cwd: drop });
    expect(never.stdout).toContain('high[drop-table]');
    expect(never.code).toBe(0);
  });

  test('a FILE argument checks that one file', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'one.sql'), DROP_TABLE);
    const { code, stdout } = runCli(['check-destructive', 'one.sql', '--format', 'json'], { cwd: root });
    expect(JSON.parse(stdout).findings.map((f) => [f.rule, f.file])).toEqual([['drop-table', 'one.sql']]);
    expect(code).toBe(1);
  });

  test('without DIR, a workspace root uses packages/database/prisma/migrations', () => {
    const root = tempDir();
    writeMigrations(root, 'packages/database/prisma/migrations', { '20240101000000_drop': DROP_TABLE });
    const { code, stdout } = runCli(['check-destructive'], { cwd: root });
    expect(stdout).toContain(' --> packages/database/prisma/migrations/20240101000000_drop/migration.sql:2:1');
    expect(code).toBe(1);
  });

  test('the example folder has destructive findings; npm run example prints them and exits 0', () => {
    const direct = runCli(['check-destructive', 'examples/prisma/migrations']);
    expect(direct.code).toBe(1);
    const example = spawnSync('bash', ['scripts/example.sh'], { cwd: ROOT, encoding: 'utf8' });
    expect(example.stdout).toBe(runCli(['check-destructive', 'examples/prisma/migrations', '--fail-on', 'never']).stdout);
    // Nothing fails at `never`, so nothing needs approving; at the default threshold each high finding says how.
    expect(example.stdout).not.toContain('= approve:');
    expect(direct.stdout).toContain('= approve: add above line 13: -- migration-lint approve drop-column: <reason>');
    expect(example.status).toBe(0);
  });
});

describe('colour', () => {
  const cwd = project({ '20240101000000_drop': DROP_TABLE });
  const coloured = (args, env) => runCli(['check-destructive', ...args], { cwd, env }).stdout.includes('\x1b[');

  test('off when not on a terminal, on with --color or FORCE_COLOR', () => {
    expect(coloured([], {})).toBe(false);
    expect(coloured(['--color'], {})).toBe(true);
    expect(coloured([], { FORCE_COLOR: '1' })).toBe(true);
  });

  test('NO_COLOR and --no-color win, and JSON is never coloured', () => {
    expect(coloured([], { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
    expect(coloured(['--no-color'], { FORCE_COLOR: '1' })).toBe(false);
    expect(coloured(['--format', 'json', '--color'], {})).toBe(false);
  });
});

describe('help, version, explain', () => {
  test('--help and --version exit 0', () => {
    const help = runCli(['--help']);
    expect(help.stdout).toMatch(/^Usage: migration-lint check \[DIR\|FILE\|-\]\.\.\. \[options\]\n {7}migration-lint check-destructive \[DIR\|FILE\|-\]\.\.\./);
    for (const option of ['--fail-on LEVEL', '--base REF', '--all', '--config FILE', 'GITHUB_BASE_REF']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.code).toBe(0);
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `migration-lint ${version}\n`, stderr: '' });
  });

  test('--explain prints a rule as text or JSON', () => {
    const text = runCli(['--explain', 'drop-column']);
    expect(text.stdout).toMatch(/^drop-column: .+\ncategory destructive, default severity high\n/);
    expect(text.stdout).toContain('Fires on:');
    expect(text.code).toBe(0);
    const json = JSON.parse(runCli(['--explain', 'drop-column', '--format', 'json']).stdout);
    expect(json).toMatchObject({ id: 'drop-column', category: 'destructive', severity: 'high' });
  });
});

describe('usage and input errors exit 2 with a message naming the path, writing nothing', () => {
  const cases = [
    ['a missing folder', {}, ['check-destructive', 'prisma/nope'], 'migration-lint: no such file or folder: prisma/nope\n'],
    [
      'no default folder',
      null,
      ['check-destructive'],
      'migration-lint: no migrations folder: neither prisma/migrations nor packages/database/prisma/migrations exists here; pass the folder as an argument\n',
    ],
    [
      'a folder without migration folders',
      { '.hidden': SAFE },
      ['check-destructive'],
      'migration-lint: no migrations in prisma/migrations: expected folders like prisma/migrations/<timestamp>_<name>/migration.sql\n',
    ],
    [
      'a migration folder without migration.sql',
      { '20240101000000_init': SAFE, '20240102000000_lost': null },
      ['check-destructive'],
      'migration-lint: prisma/migrations/20240102000000_lost has no migration.sql\n',
    ],
    [
      'a non-UTF-8 migration.sql',
      { '20240101000000_init': Buffer.from([0x53, 0x45, 0x4c, 0xff, 0x3b]) },
      ['check-destructive'],
      'migration-lint: cannot read prisma/migrations/20240101000000_init/migration.sql: not valid UTF-8 text\n',
    ],
    ['a FILE that is not .sql', {}, ['check-destructive', 'prisma/migrations/migration_lock.toml'], 'migration-lint: not a .sql file or a migrations folder: prisma/migrations/migration_lock.toml\n'],
    ['an unknown flag', {}, ['check-destructive', '--fial-on', 'low'], 'migration-lint: unknown option --fial-on; did you mean --fail-on?\nRun migration-lint --help for usage.\n'],
    ['a bad --format', {}, ['check-destructive', '--format', 'xml'], 'migration-lint: unknown --format xml: expected one of text, compact, json, github, markdown, sarif\nRun migration-lint --help for usage.\n'],
    ['a bad --fail-on', {}, ['check-destructive', '--fail-on', 'critical'], 'migration-lint: unknown --fail-on critical: expected one of high, medium, low, never\nRun migration-lint --help for usage.\n'],
    ['a flag without its value', {}, ['check-destructive', '--format'], 'migration-lint: option --format needs a value\nRun migration-lint --help for usage.\n'],
    ['no command', {}, [], 'migration-lint: no command given\nRun migration-lint --help for usage.\n'],
    ['an unknown command', {}, ['check-everything'], 'migration-lint: unknown command check-everything: expected one of check, check-destructive, verify, schema, status, lock, init; did you mean check-destructive?\nRun migration-lint --help for usage.\n'],
    ['a second path that is missing', {}, ['check-destructive', 'prisma/migrations', 'b'], 'migration-lint: no such file or folder: b\n'],
  ];

  test.each(cases)('%s', (_name, migrations, args, message) => {
    const cwd = migrations === null ? tempDir() : project({ '20240101000000_init': SAFE, ...migrations });
    if (migrations && '.hidden' in migrations) {
      fs.rmSync(path.join(cwd, 'prisma/migrations/20240101000000_init'), { recursive: true });
    }
    const before = snapshot(cwd);
    const result = runCli(args, { cwd });
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(snapshot(cwd)).toEqual(before);
  });

  test('an unreadable migration.sql', () => {
    const cwd = project({});
    fs.mkdirSync(path.join(cwd, 'prisma/migrations/20240101000000_init/migration.sql'), { recursive: true });
    expect(runCli(['check-destructive'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'migration-lint: cannot read prisma/migrations/20240101000000_init/migration.sql: it is a folder\n',
    });
  });

  test('an unknown rule for --explain lists the known ones', () => {
    const { code, stdout, stderr } = runCli(['--explain', 'drop-everything']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('migration-lint: unknown rule drop-everything (`migration-lint --explain` lists every rule)\nRun migration-lint --help for usage.\n');
    const near = runCli(['--explain', 'drop-colum']);
    expect(near.stderr).toMatch(/^migration-lint: unknown rule drop-colum; did you mean drop-column\? /);
  });
});

describe('schema', () => {
  const history = {
    '20240101000000_init': 'CREATE TYPE "Role" AS ENUM (\'USER\');\nCREATE TABLE "User" (\n    "id" SERIAL NOT NULL,\n    "role" "Role" NOT NULL DEFAULT \'USER\',\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n',
    '20240102000000_add_user_email': 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
    '20240103000000_drop_session_table': '-- the table was never created\nDROP TABLE "Session";\n',
  };

  test('prints the catalog the history builds, and what PostgreSQL would refuse', () => {
    const cwd = project(history);
    const before = snapshot(cwd);
    const { code, stdout, stderr } = runCli(['schema', 'prisma/migrations'], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(
      [
        '3 migrations replayed: 1 table, 1 enum',
        '',
        'table User',
        `   1 id     integer not null default nextval('"User_id_seq"'::regclass)`,
        `   2 role   "Role" not null default 'USER'::"Role"`,
        '   3 email  text',
        '  unique index User_email_key',
        '  primary key index User_pkey',
        '  primary key constraint User_pkey',
        '',
        'enum Role: USER',
        '',
        'sequences: User_id_seq',
        '',
        'PostgreSQL would refuse:',
        '  20240103000000_drop_session_table:2: 42P01 table "Session" does not exist',
        '',
      ].join('\n'),
    );
    expect(snapshot(cwd)).toEqual(before);
  });

  test('--format json gives the catalog as data, from the default folder', () => {
    const cwd = project(history);
    const { code, stdout } = runCli(['schema', '--format', 'json'], { cwd });
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.migrations).toBe(3);
    expect(schema.columns.map((c) => [c.name, c.position, c.type, c.not_null])).toEqual([
      ['id', 1, 'integer', true],
      ['role', 2, '"Role"', true],
      ['email', 3, 'text', false],
    ]);
    expect(schema.failures).toEqual([
      { migration: '20240103000000_drop_session_table', line: 2, sqlstate: '42P01', message: 'table "Session" does not exist' },
    ]);
  });

  test('bad usage and bad input exit 2 with a message', () => {
    const cwd = project(history);
    for (const [args, message] of [
      [['schema', '--format', 'sarif'], 'unknown --format sarif for schema: expected one of text, json'],
      [['schema', 'prisma/migrations', 'other'], 'schema takes one migrations folder'],
      [['schema', '--base', 'main'], '--base does not apply to schema'],
      [['schema', 'missing'], 'no such file or folder: missing'],
      [['schema', 'prisma/migrations/20240101000000_init/migration.sql'], 'not a migrations folder'],
    ]) {
      const { code, stdout, stderr } = runCli(args, { cwd });
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toContain(message);
    }
  });
});
