// The JS API: one ES module for import and require; checkSql, checkMigrations, render, rules,
// explain, failsAt.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import * as api from '../../js/index.mjs';
import helpers from './helpers.cjs';

const { ROOT, EXAMPLES, tempDir, writeMigrations, SAFE, DROP_TABLE, DROP_COLUMNS } = helpers;

/** Runs a CommonJS script in a separate Node process in the repository and parses what it prints. */
function inNode(script) {
  const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return { stderr: result.stderr, out: JSON.parse(result.stdout) };
}

describe('one ES module for import and require', () => {
  test('require() and import() of the package by name give the same module, without a warning', () => {
    const { stderr, out } = inNode(`
      const required = require('@skillancer/migration-lint');
      import('@skillancer/migration-lint').then((imported) => {
        process.stdout.write(JSON.stringify({
          sameCheckSql: typeof required.checkSql === 'function' && required.checkSql === imported.checkSql,
          sameExports: Object.keys(required).filter((key) => required[key] !== imported[key]),
          keys: Object.keys(required).sort(),
          rules: required.rules().length,
        }));
      });
    `);
    expect(stderr).toBe('');
    expect(out.sameCheckSql).toBe(true);
    expect(out.sameExports).toEqual([]);
    expect(out.keys).toEqual(Object.keys(api).sort());
    expect(out.rules).toBe(api.rules().length);
  });

  test('the Node entry checks a folder through either way in', () => {
    const { out } = inNode(`
      const { checkMigrations, render } = require('./js/index.mjs');
      process.stdout.write(JSON.stringify(render(checkMigrations(${JSON.stringify(EXAMPLES)}), 'json')));
    `);
    expect(out).toBe(api.render(api.checkMigrations(EXAMPLES), 'json'));
  });
});

describe('checkSql', () => {
  test('a DROP TABLE is a high drop-table finding at its line', () => {
    const report = api.checkSql(DROP_TABLE, { file: 'x/migration.sql' });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'drop-table',
      category: 'destructive',
      severity: 'high',
      file: 'x/migration.sql',
      line: 2,
      column: 1,
    });
    expect(report.summary).toMatchObject({ files: 1, statements: 1, high: 1, medium: 0, low: 0 });
  });

  test('one finding per dropped column, each on its own line', () => {
    const findings = api.checkSql(DROP_COLUMNS).findings;
    expect(findings.map((f) => [f.rule, f.line, f.file])).toEqual([
      ['drop-column', 1, 'migration.sql'],
      ['drop-column', 2, 'migration.sql'],
    ]);
  });

  test('safe SQL has no findings', () => {
    expect(api.checkSql(SAFE).findings).toEqual([]);
  });

  test('every finding carries the documented fields', () => {
    const [finding] = api.checkSql(DROP_TABLE).findings;
    for (const key of ['rule', 'category', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'help', 'why', 'excerpt', 'start', 'end', 'startUtf16', 'endUtf16']) {
      expect(finding).toHaveProperty(key);
    }
    expect(DROP_TABLE.slice(finding.startUtf16, finding.endUtf16)).toBe(finding.excerpt);
  });

  test('bad arguments are TypeErrors', () => {
    expect(() => api.checkSql(42)).toThrow(TypeError);
    expect(() => api.checkSql('SELECT 1;', { fil: 'a.sql' })).toThrow('unknown option `fil` in checkSql options');
    expect(() => api.checkSql('SELECT 1;', 'a.sql')).toThrow(TypeError);
  });
});

describe('checkMigrations', () => {
  test('checks every <dir>/<name>/migration.sql and names files under the dir', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'prisma/migrations', {
      '20240101000000_init': SAFE,
      '20240102000000_drop_sessions': DROP_TABLE,
    });
    const report = api.checkMigrations(dir);
    expect(report.summary.files).toBe(2);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['drop-table', `${dir}/20240102000000_drop_sessions/migration.sql`],
    ]);
  });

  test('the text report frames the full source lines, not only the excerpt', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'm', { '20240101000000_drop_legacy': DROP_COLUMNS });
    const text = api.render(api.checkMigrations(dir), 'text');
    // The excerpt of the first finding stops before the comma; the source line does not.
    expect(text).toContain('1 | ALTER TABLE "public"."User" DROP COLUMN "legacyEmail",\n');
    expect(text).toContain(` --> ${dir}/20240101000000_drop_legacy/migration.sql:1:29\n`);
  });

  test('a folder without migration.sql is a high finding naming the folder', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'm', { '20240101000000_init': SAFE, '20240102000000_lost': null });
    const report = api.checkMigrations(dir, { checks: 'destructive' });
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'missing-migration-sql', severity: 'high', file: `${dir}/20240102000000_lost` }),
    ]);
  });

  test('a BOM is kept: offsets count it, as Prisma checksums do', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'm', { '20240101000000_drop': `\uFEFF${DROP_TABLE}` });
    const [finding] = api.checkMigrations(dir, { checks: 'destructive' }).findings;
    expect(finding.start).toBe(3 + DROP_TABLE.indexOf('DROP TABLE'));
    expect(finding.line).toBe(2);
  });

  test('a missing folder, a non-UTF-8 file and an unreadable file are InputErrors naming the path', () => {
    const root = tempDir();
    expect(() => api.checkMigrations(path.join(root, 'nope'))).toThrow(api.InputError);
    expect(() => api.checkMigrations(path.join(root, 'nope'))).toThrow(`migrations folder not found: ${path.join(root, 'nope')}`);

    const latin1 = writeMigrations(root, 'latin1', { '20240101000000_init': Buffer.from('-- caf\xe9\nSELECT 1;\n', 'latin1') });
    expect(() => api.checkMigrations(latin1)).toThrow(`cannot read ${latin1}/20240101000000_init/migration.sql: not valid UTF-8 text`);

    const unreadable = writeMigrations(root, 'unreadable', {});
    fs.mkdirSync(path.join(unreadable, '20240101000000_init', 'migration.sql'), { recursive: true });
    expect(() => api.checkMigrations(unreadable)).toThrow(`cannot read ${unreadable}/20240101000000_init/migration.sql: it is a folder`);

    const file = path.join(root, 'file.sql');
    fs.writeFileSync(file, SAFE);
    expect(() => api.checkMigrations(file)).toThrow(`not a folder: ${file}`);
  });
});

describe('naming, order and history', () => {
  const NOW = Date.UTC(2025, 11, 8, 16) / 1000;

  test('checkMigrations runs every check by default, and the SQL checks alone on request', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'prisma/migrations', { '20240101000000_init': SAFE, '20240102000000_Cleanup': DROP_TABLE }, null);
    const all = api.checkMigrations(dir, { now: NOW });
    expect(all.findings.map((f) => [f.rule, f.file])).toEqual([
      ['naming-descriptive', `${dir}/20240102000000_Cleanup`],
      ['naming-snake-case', `${dir}/20240102000000_Cleanup`],
      ['naming-table', `${dir}/20240102000000_Cleanup`],
      ['drop-table', `${dir}/20240102000000_Cleanup/migration.sql`],
      ['naming-lock-file', `${dir}/migration_lock.toml`],
    ]);
    // Code frames find every file, the lock file and the folder names included.
    const text = api.render(all, 'text');
    expect(text).toContain('1 | 20240102000000_Cleanup\n');
    expect(api.checkMigrations(dir, { checks: 'destructive' }).findings.map((f) => f.rule)).toEqual(['drop-table']);
    expect(() => api.checkMigrations(dir, { check: 'all' })).toThrow('unknown option `check` in checkMigrations options');
    expect(() => api.checkMigrations(dir, { checks: 'some' })).toThrow('options.checks must be one of all, destructive');
  });

  test('checkMigrations takes a config: levels, naming options, approvals', () => {
    const root = tempDir();
    const dir = writeMigrations(root, 'm', { '20240101000000_init': SAFE, '20240102000000_tidy_sessions': DROP_TABLE });
    const config = api.parseConfig(
      JSON.stringify({
        rules: { 'naming-table': 'off' },
        naming: { extraVerbs: ['tidy'] },
        approvals: [{ migration: '20240102000000_tidy_sessions', rule: 'drop-table', reason: 'sessions expire anyway' }],
      }),
    );
    const report = api.checkMigrations(dir, { config });
    expect(report.findings.map((f) => [f.rule, f.approved?.reason])).toEqual([['drop-table', 'sessions expire anyway']]);
    expect(api.failsAt(report)).toBe(false);
    expect(() => api.checkMigrations(dir, { config: { rulez: {} } })).toThrow('invalid migrations input: config: `rulez`: unknown key `rulez`; did you mean `rules`?');
  });

  test('validateName checks one name, with the SQL and the naming options', () => {
    const report = api.validateName('skillpod_b2b_enterprise', { now: NOW });
    expect(report.findings.map((f) => [f.rule, f.file])).toContainEqual(['naming-timestamp', 'skillpod_b2b_enterprise']);
    expect(api.render(report, 'text')).toContain('1 | skillpod_b2b_enterprise\n');
    const name = '20251208120000_add_field';
    const withSql = api.validateName(name, { sql: 'ALTER TABLE "Invoice" ADD COLUMN "paidAt" TIMESTAMP(3);', now: NOW });
    const table = withSql.findings.find((f) => f.rule === 'naming-table');
    expect(table.help).toContain('20251208120000_add_paid_at_to_invoice');
    expect(api.validateName('20251208120000_tweak_invoice', { now: NOW }).findings.map((f) => f.rule)).toEqual(['naming-verb']);
    expect(api.validateName('20251208120000_tweak_invoice', { now: NOW, naming: { extraVerbs: ['tweak'] } }).findings).toEqual([]);
    expect(() => api.validateName(name, { sqll: '' })).toThrow('unknown option `sqll` in validateName options');
    expect(() => api.validateName(name, { naming: { maxLen: 3 } })).toThrow('invalid naming options: unknown field `maxLen`');
    expect(() => api.validateName(42)).toThrow(TypeError);
  });

  test('verifyOrder compares plain data with a base: edited, deleted, before the base\'s newest', () => {
    const input = {
      dir: 'prisma/migrations',
      migrations: [
        { name: '20240101000000_init', sql: SAFE.replace('TEXT', 'VARCHAR(36)') },
        { name: '20240102000000_add_email_to_user', sql: 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\n' },
      ],
      base: {
        ref: 'origin/main',
        mergeBase: [{ name: '20240101000000_init', sql: SAFE }, { name: '20240101120000_create_post_table', sql: 'SELECT 1;\n' }],
        baseHead: [{ name: '20240101000000_init' }, { name: '20240101120000_create_post_table' }, { name: '20240103000000_add_bio_to_user', sql: 'ALTER TABLE "User" ADD COLUMN "bio" TEXT;' }],
      },
      now: NOW,
    };
    const report = api.verifyOrder(input);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['order-edited', 'prisma/migrations/20240101000000_init/migration.sql'],
      ['order-deleted', 'prisma/migrations/20240101120000_create_post_table'],
      ['order-before-base', 'prisma/migrations/20240102000000_add_email_to_user'],
      ['order-stale-branch', 'prisma/migrations/20240102000000_add_email_to_user'],
      ['order-branch-conflict', 'prisma/migrations/20240102000000_add_email_to_user/migration.sql'],
    ]);
    // The deleted folder's name is a source too: its frame shows the name.
    expect(api.render(report, 'text')).toContain('1 | 20240101120000_create_post_table\n');
    expect(() => api.verifyOrder({ migrations: [], config: null })).toThrow('invalid history input: unknown field `config`');
  });

  test('parseConfig validates in the core and names the key', () => {
    expect(api.parseConfig('{"base": "origin/main"}')).toEqual({ base: 'origin/main', naming: {} });
    expect(() => api.parseConfig('{"failon": "low"}')).toThrow('`failon`: unknown key `failon`; did you mean `failOn`?');
  });
});

describe('render', () => {
  const report = api.checkSql(DROP_TABLE, { file: 'a/migration.sql' });

  test('json is the report itself', () => {
    expect(JSON.parse(api.render(report, 'json'))).toEqual(report);
  });

  test('text has a heading, a code frame, why, help, how to approve and a summary line', () => {
    expect(api.render(report, 'text')).toBe(
      [
        'a (1 high)',
        '',
        'high[drop-table]: drops table `Session` and all its rows',
        ' --> a/migration.sql:2:1',
        '  |',
        '2 | DROP TABLE "Session";',
        '  | ^^^^^^^^^^^^^^^^^^^^',
        '  |',
        `  = why: ${report.findings[0].why}`,
        `  = help: ${report.findings[0].help}`,
        '  = approve: add above line 2: -- migration-lint approve drop-table: <reason>',
        '',
        '1 finding: 1 high, 0 medium, 0 low in 1 file (1 statement)',
        '',
      ].join('\n'),
    );
    expect(report.findings[0].approve).toEqual({ via: 'comment', line: 2, text: '-- migration-lint approve drop-table: <reason>' });
    // Below the threshold, or with none, no hint.
    expect(api.render(report, 'text', { failOn: 'never' })).not.toContain('= approve');
    expect(() => api.render(report, 'text', { failOn: 'critical' })).toThrow('unknown variant `critical`');
  });

  test('compact is one line per finding', () => {
    expect(api.render(report, 'compact')).toBe('a/migration.sql:2:1: high[drop-table] drops table `Session` and all its rows\n');
  });

  test('explain without an id lists every rule; suggest finds the closest', () => {
    const list = api.explain();
    for (const rule of api.rules()) expect(list).toContain(rule.id);
    expect(list.split('\n')[1]).toMatch(/^drop-table +destructive +high +Drops a table/);
    expect(() => api.explain('drop-tabel')).toThrow('unknown rule `drop-tabel`; did you mean `drop-table`?');
    expect(api.suggest('chek', ['check', 'schema'])).toBe('check');
    expect(api.suggest('xyz', ['check'])).toBeNull();
    expect(() => api.suggest('x', 'check')).toThrow(TypeError);
  });

  test('a report read back from JSON still renders, from its excerpts', () => {
    const copy = JSON.parse(api.render(report, 'json'));
    expect(api.render(copy, 'text')).toContain('2 | DROP TABLE "Session"');
  });

  test('colour only when asked', () => {
    expect(api.render(report, 'text')).not.toContain('\x1b[');
    expect(api.render(report, 'text', { color: true })).toContain('\x1b[1;31mhigh[drop-table]\x1b[0m');
  });

  test('an unknown format or option is an error', () => {
    expect(() => api.render(report, 'xml')).toThrow('unknown format `xml`: expected one of text, compact, json');
    expect(() => api.render(report, 'text', { colour: true })).toThrow('unknown option `colour`');
    expect(() => api.render({ findings: [] }, 'json')).toThrow('invalid report: missing field `summary`');
  });
});

describe('rules, explain, failsAt', () => {
  test('rules() lists every rule once with its metadata', () => {
    const rules = api.rules();
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['drop-table', 'drop-column', 'missing-migration-sql']));
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['bad', 'category', 'good', 'id', 'instead', 'severity', 'summary', 'why']);
    }
  });

  test('explain prints a rule, and refuses an unknown one', () => {
    expect(api.explain('drop-table')).toMatch(/^drop-table: .*\ncategory destructive, default severity high\n/);
    expect(() => api.explain('drop-everything')).toThrow('unknown rule `drop-everything`');
  });

  test('failsAt compares unapproved findings with the threshold', () => {
    const medium = api.checkSql('DROP INDEX "a";');
    expect(medium.findings.map((f) => f.severity)).toEqual(['medium']);
    expect(api.failsAt(medium)).toBe(false);
    expect(api.failsAt(medium, 'medium')).toBe(true);
    expect(api.failsAt(medium, 'low')).toBe(true);
    expect(api.failsAt(medium, 'never')).toBe(false);
    expect(() => api.failsAt(medium, 'critical')).toThrow('unknown threshold `critical`');
  });
});

describe('replaySchema', () => {
  test('replays a folder read by readMigrationsDir into the catalog, as JSON or text', () => {
    const schema = api.replaySchema(api.readMigrationsDir(EXAMPLES));
    expect(schema.migrations).toBeGreaterThan(0);
    expect(schema.tables.length).toBeGreaterThan(0);
    expect(schema.columns.length).toBeGreaterThan(0);
    for (const column of schema.columns) expect(Object.keys(column).sort()).toEqual(['default', 'name', 'not_null', 'position', 'schema', 'table', 'type']);
    const text = api.replaySchema(api.readMigrationsDir(EXAMPLES), { format: 'text' });
    expect(text).toMatch(/^\d+ migrations replayed: \d+ tables?, \d+ enums?\n/);
    for (const table of schema.tables) expect(text).toContain(`\ntable ${table.name}\n`);
  });

  test('a history given as data, with a refused statement', () => {
    const schema = api.replaySchema({
      migrations: [
        { name: '20240101000000_init', sql: 'CREATE TABLE "A" ("id" TEXT);' },
        { name: '20240102000000_add_b_column', sql: 'ALTER TABLE "B" ADD COLUMN "x" INT;' },
      ],
    });
    expect(schema.tables).toEqual([{ schema: 'public', name: 'A' }]);
    expect(schema.failures).toEqual([
      { migration: '20240102000000_add_b_column', line: 1, sqlstate: '42P01', message: 'relation "B" does not exist' },
    ]);
  });

  test('bad arguments throw', () => {
    expect(() => api.replaySchema('prisma/migrations')).toThrow('history input must be an object');
    expect(() => api.replaySchema({ migrations: [] }, { format: 'yaml' })).toThrow("options.format must be 'json' or 'text'");
    expect(() => api.replaySchema({ migrations: [], extra: 1 })).toThrow(/unknown field `extra`/);
  });
});
