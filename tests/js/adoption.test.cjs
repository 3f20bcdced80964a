// The first run on a real repository, as a new user meets it: a pnpm layout holding a team's
// deployed history (repositories of ../shared/corpus, copied into packages/database/prisma/migrations
// of a fresh git repository), `migration-lint init`, then `check` on main and on a branch that adds a
// destructive migration; and each way of pointing the CLI at the wrong thing.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, CLI, GIT_ENV, gitIn, tempDir, runCli, snapshot } = require('./helpers.cjs');

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const CONFIG = 'migration-lint.config.json';

/** Prisma's folder timestamp for now, UTC (a new migration sorts after the corpus and is not in the future). */
function stamp() {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A git repository (branch main) with `repo`'s migrations in packages/database, committed. */
function workspace(repo) {
  const root = tempDir();
  const database = path.join(root, 'packages/database');
  fs.mkdirSync(path.join(database, 'prisma'), { recursive: true });
  fs.cpSync(path.join(CORPUS, repo), path.join(database, 'prisma/migrations'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "ws", "private": true }\n');
  fs.writeFileSync(path.join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  fs.writeFileSync(path.join(database, 'package.json'), '{ "name": "@ws/database", "private": true }\n');
  const git = gitIn(root);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'deployed history');
  return { root, database, git };
}

const cli = (args, cwd, options = {}) => runCli(args, { cwd, env: GIT_ENV, ...options });
const migrationsOf = (repo) =>
  fs
    .readdirSync(path.join(CORPUS, repo), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(CORPUS, repo, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
// The baseline init writes: the newest folder that starts with a timestamp.
const newest = (repo) => migrationsOf(repo).filter((name) => /^\d/.test(name)).at(-1);

// The team's own repository (11 migrations, one of them without a timestamp) and a long history.
describe.each(['artpromedia__skillancer', 'documenso__documenso'])('%s', (repo) => {
  const { database, git } = workspace(repo);
  const count = migrationsOf(repo).length;
  const deployed = migrationsOf(repo).filter((name) => name <= newest(repo)).length;

  test('before init, check fails on the deployed history and the summary says why and what to run', () => {
    const { code, stdout } = cli(['check'], database);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`; no base: every migration \\(${count}\\) checked; run \`migration-lint init\` or pass --base to check only new ones\\n$`));
  });

  test('init writes the config with the baseline, says what it wrote, and a second run changes nothing', () => {
    const first = cli(['init'], database);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(database, CONFIG), 'utf8'));
    expect(config).toEqual({
      $schema: './node_modules/@skillancer/migration-lint/config.schema.json',
      migrations: 'prisma/migrations',
      base: 'main',
      baseline: newest(repo),
    });
    expect(first.stdout).toContain(`Wrote ${CONFIG}:\n  migrations  prisma/migrations\n  base        main\n  baseline    ${newest(repo)}: the ${deployed} migrations up to it are deployed history`);
    // The team's folder without a timestamp sorts after every timestamp, so it is not the baseline.
    if (deployed < count) expect(first.stdout).toContain('1 folder sorts after it (skillpod_b2b_enterprise) and is checked, unless the base branch has it');
    expect(first.stdout).toContain('"db:check-destructive": "migration-lint check-destructive"');
    expect(first.stdout).toContain('examples/github-actions/migration-lint.yml');
    const before = snapshot(database);
    const second = cli(['init'], database);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^${CONFIG} is already set up: nothing changed\\.\\n`));
    expect(snapshot(database)).toEqual(before);
    git('add', '-A');
    git('commit', '-q', '-m', 'migration-lint init');
  });

  test('after init, check and check-destructive exit 0 on the history, and the summary names base and baseline', () => {
    for (const command of ['check', 'check-destructive']) {
      const { code, stdout, stderr } = cli([command], database);
      expect(stderr).toBe('');
      expect(stdout).toMatch(
        new RegExp(`^no findings in 0 files \\(0 statements\\); 0 of ${count} migrations checked: new since main \\(merge-base [0-9a-f]{12}\\) and after the baseline ${newest(repo)}\\n$`),
      );
      expect(code).toBe(0);
    }
    // JSON says it too.
    const { scopes } = JSON.parse(cli(['check', '--format', 'json'], database).stdout);
    expect(scopes).toEqual([
      { dir: 'prisma/migrations', migrations: count, checked: 0, base: 'main', mergeBase: git('rev-parse', 'HEAD'), baseline: newest(repo), all: false },
    ]);
  });

  test('a new destructive migration on a branch fails check, and each format says how to approve it', async () => {
    // A column the history really has: its first table's first column.
    const api = await import('../../js/index.mjs');
    const schema = api.replaySchema(api.readMigrationsDir(path.join(database, 'prisma/migrations')));
    const column = schema.columns.find((c) => c.table === schema.tables[0].name);
    const DROP = `${stamp()}_drop_${column.table.toLowerCase()}_${column.name.toLowerCase()}`.replace(/[^a-z0-9_]/g, '_');
    const DROP_SQL = `-- DropColumn\nALTER TABLE "${column.table}" DROP COLUMN "${column.name}";\n`;
    git('checkout', '-q', '-b', 'drop-legacy-column');
    fs.mkdirSync(path.join(database, 'prisma/migrations', DROP));
    fs.writeFileSync(path.join(database, 'prisma/migrations', DROP, 'migration.sql'), DROP_SQL);
    const comment = '-- migration-lint approve drop-column: <reason>';

    const text = cli(['check'], database);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^prisma/migrations/${DROP} \\(1 high\\)\\n\\nhigh\\[drop-column\\]: drops column \`${column.name}\` of table \`${column.table}\``));
    expect(text.stdout).toContain(`  = approve: add above line 2: ${comment}\n`);
    expect(text.stdout).toMatch(new RegExp(`; 1 of ${count + 1} migrations checked: new since main \\(merge-base [0-9a-f]{12}\\) and after the baseline`));

    const markdown = cli(['check', '--format', 'markdown'], database);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain(`**To approve**, add a comment above each statement, with the reason:\n\n- line 2: \`${comment}\`\n`);
    expect(markdown.stdout).toMatch(/1 finding needs review\*\*: .*\. 1 of \d+ migrations checked: new since main \(merge-base `?[0-9a-f]{12}/);

    const github = cli(['check', '--format', 'github'], database);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(new RegExp(`^::error file=packages/database/prisma/migrations/${DROP}/migration.sql,line=2,.*%0ATo approve, add above line 2: ${comment}\\n`));

    // Approved as the hint says: exit 0, and no hint left.
    fs.writeFileSync(path.join(database, 'prisma/migrations', DROP, 'migration.sql'), DROP_SQL.replace('-- DropColumn\n', '-- DropColumn\n-- migration-lint approve drop-column: unused since 2025-11, backed up\n'));
    const approved = cli(['check'], database);
    expect(approved.stdout).not.toContain('= approve:');
    expect(approved.code).toBe(0);
    fs.rmSync(path.join(database, 'prisma/migrations', DROP), { recursive: true });
    git('checkout', '-q', 'main');
  });

  test('--all checks the deployed history again, and its findings are approved in the config, not by a comment', () => {
    const { code, stdout } = cli(['check-destructive', '--all'], database);
    expect(code).toBe(1);
    expect(stdout).toMatch(/= approve: add to the config's "approvals" \(the migration is deployed: a comment would change its checksum\): \{"migration": "[^"]+", "rule": "[a-z-]+", "line": \d+, "reason": "<reason>"\}\n/);
    expect(stdout).not.toContain('= approve: add above line');
    expect(stdout).toMatch(new RegExp(`; every migration \\(${count}\\) checked \\(--all\\), history against main \\(merge-base [0-9a-f]{12}\\)\\n$`));
  });
});

describe('init', () => {
  test('from the workspace root it finds the one migrations folder; origin/HEAD is the base', () => {
    const { root, git } = workspace('artpromedia__skillancer');
    const remote = tempDir();
    spawnSync('git', ['clone', '-q', '--bare', root, remote], { env: { ...process.env, ...GIT_ENV } });
    git('remote', 'add', 'origin', remote);
    git('fetch', '-q', 'origin');
    git('remote', 'set-head', 'origin', 'main');
    const { code, stdout } = cli(['init'], root);
    expect(code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(root, CONFIG), 'utf8'));
    expect(config).toMatchObject({ migrations: 'packages/database/prisma/migrations', base: 'origin/main' });
    expect(stdout).toContain('  base        origin/main\n');
    expect(cli(['check'], root).code).toBe(0);
  });

  test('several migrations folders below: exit 2 listing them, nothing written', () => {
    const root = tempDir();
    for (const app of ['apps/api', 'apps/worker']) {
      fs.mkdirSync(path.join(root, app, 'prisma/migrations/20250101000000_init'), { recursive: true });
      fs.writeFileSync(path.join(root, app, 'prisma/migrations/20250101000000_init/migration.sql'), 'CREATE TABLE "A" ("id" TEXT);\n');
    }
    const before = snapshot(root);
    const { code, stdout, stderr } = cli(['init'], root);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain('several Prisma migrations folders found:\n  apps/api/prisma/migrations\n  apps/worker/prisma/migrations\n');
    expect(snapshot(root)).toEqual(before);
  });

  test('no migrations folder, or an empty one: exit 2, nothing written', () => {
    const root = tempDir();
    expect(cli(['init'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no Prisma migrations folder found here or below') });
    fs.mkdirSync(path.join(root, 'prisma/migrations'), { recursive: true });
    expect(cli(['init'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no migrations in prisma/migrations') });
    expect(fs.existsSync(path.join(root, CONFIG))).toBe(false);
  });

  test('an existing config keeps what it has; only the missing keys are added (an old baseline is never moved)', () => {
    const { database } = workspace('artpromedia__skillancer');
    fs.writeFileSync(path.join(database, CONFIG), '{\n  "failOn": "medium",\n  "baseline": "20251211013419_add_freelancer_client_profiles"\n}\n');
    const { code, stdout } = cli(['init', '--base', 'main'], database);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Added "\$schema", "migrations", "base" to migration-lint.config.json:/);
    expect(JSON.parse(fs.readFileSync(path.join(database, CONFIG), 'utf8'))).toEqual({
      failOn: 'medium',
      baseline: '20251211013419_add_freelancer_client_profiles',
      $schema: './node_modules/@skillancer/migration-lint/config.schema.json',
      migrations: 'prisma/migrations',
      base: 'main',
    });
    expect(stdout).toContain('the 2 migrations up to it are deployed history');
  });

  test('a configuration in package.json is left alone, and a bad existing config is exit 2', () => {
    const { database } = workspace('artpromedia__skillancer');
    fs.writeFileSync(path.join(database, 'package.json'), '{ "name": "db", "migrationLint": { "failOn": "high" } }\n');
    const kept = cli(['init'], database);
    expect(kept).toMatchObject({ code: 0, stdout: expect.stringContaining('The configuration is in package.json ("migrationLint"): nothing changed.') });
    expect(fs.existsSync(path.join(database, CONFIG))).toBe(false);
    fs.writeFileSync(path.join(database, 'package.json'), '{ "name": "db" }\n');
    fs.writeFileSync(path.join(database, CONFIG), '{ "failon": "high" }\n');
    const bad = cli(['init'], database);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean `failOn`?');
    expect(fs.readFileSync(path.join(database, CONFIG), 'utf8')).toBe('{ "failon": "high" }\n');
  });

  test('a defaulted base that is missing (an export without .git) is said in the summary, not only in a note', () => {
    const { database } = workspace('documenso__documenso');
    expect(cli(['init'], database).code).toBe(0);
    const exported = tempDir();
    fs.cpSync(database, exported, { recursive: true });
    const { code, stdout, stderr } = cli(['check'], exported);
    expect(stderr).toMatch(/^migration-lint: note: base main from the config's "base" is not available/);
    expect(stdout).toMatch(new RegExp(`; 0 of ${migrationsOf('documenso__documenso').length} migrations checked: after the baseline ${newest('documenso__documenso')} \\(no base branch compared\\)\\n$`));
    expect(code).toBe(0);
  });
});

describe('the right folder', () => {
  const { root, database } = workspace('artpromedia__skillancer');
  const shouldMean = (args, cwd, meant) => {
    const before = snapshot(root);
    const { code, stdout, stderr } = cli(args, cwd);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(`is not a migrations folder; did you mean ${meant}?`);
    expect(snapshot(root)).toEqual(before);
  };

  test('one level too high (the prisma folder, the package) names the folder meant, for every command', () => {
    shouldMean(['check', 'packages/database/prisma'], root, 'packages/database/prisma/migrations');
    shouldMean(['check-destructive', 'prisma'], database, 'prisma/migrations');
    shouldMean(['check', 'packages/database'], root, 'packages/database/prisma/migrations');
    shouldMean(['schema', 'prisma'], database, 'prisma/migrations');
  });

  test("a single migration's folder: its SQL is checked, with a note that names and order need the folder", () => {
    const one = 'prisma/migrations/20251211013419_add_freelancer_client_profiles';
    const { code, stdout, stderr } = cli(['check-destructive', one, '--format', 'json'], database);
    expect(stderr).toBe(`migration-lint: note: ${one} is one migration: its SQL is checked; names and order need the migrations folder (prisma/migrations)\n`);
    const report = JSON.parse(stdout);
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set([`${one}/migration.sql`]));
    expect(report.summary.files).toBe(1);
    expect(report.summary.high).toBeGreaterThan(0);
    expect(code).toBe(1);
  });
});

describe('standard input', () => {
  const stdin = (args, input) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  test('- reads the SQL from stdin, named <stdin>', () => {
    const { code, stdout } = stdin(['check', '-', '--format', 'compact'], 'SELECT 1;\nDROP TABLE "Session";\n');
    expect(stdout).toBe('<stdin>:2:1: high[drop-table] drops table `Session` and all its rows\n');
    expect(code).toBe(1);
    expect(stdin(['check-destructive', '-'], 'SELECT 1;\n')).toMatchObject({ code: 0, stdout: 'no findings in 1 file (1 statement)\n' });
  });

  test('non-UTF-8 input, - twice, and - with --base are exit 2', () => {
    const bad = spawnSync(process.execPath, [CLI, 'check', '-'], { input: Buffer.from([0x44, 0xff, 0x3b]) });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toBe('migration-lint: cannot read standard input: not valid UTF-8 text\n');
    expect(stdin(['check', '-', '-'], 'SELECT 1;')).toMatchObject({ code: 2, stderr: expect.stringContaining('- (standard input) can be given once') });
    expect(stdin(['check', '-', '--base', 'main'], 'SELECT 1;')).toMatchObject({ code: 2, stderr: expect.stringContaining('--base needs a migrations folder') });
  });
});

describe('arguments', () => {
  const { database } = workspace('artpromedia__skillancer');

  test('a `--` (pnpm passes the one of `pnpm db:check -- --base main` on) does not turn options into paths', () => {
    const plain = cli(['check-destructive', '--base', 'main', '--format', 'json'], database);
    const passed = cli(['check-destructive', '--', '--base', 'main', '--format', 'json'], database);
    expect(passed).toEqual(plain);
    expect(JSON.parse(passed.stdout).scopes[0].base).toBe('main');
  });

  test('--explain alone lists every rule with its category, default severity and summary', () => {
    const { code, stdout } = runCli(['--explain']);
    expect(code).toBe(0);
    const rules = JSON.parse(runCli(['--explain', '--format', 'json']).stdout);
    expect(rules.length).toBeGreaterThan(40);
    for (const rule of rules) {
      expect(stdout).toMatch(new RegExp(`^${rule.id} +${rule.category} +${rule.severity} +${rule.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
    // --explain followed by another option is the list too.
    expect(runCli(['--explain', '--no-color']).stdout).toBe(stdout);
  });

  test.each([
    [['check', '--fromat', 'json'], 'unknown option --fromat; did you mean --format?'],
    [['check', '--format', 'jsno'], 'unknown --format jsno: expected one of text, compact, json, github, markdown, sarif; did you mean json?'],
    [['check', '--fail-on', 'hihg'], 'unknown --fail-on hihg: expected one of high, medium, low, never; did you mean high?'],
    [['--explain', 'drop-colunm'], 'unknown rule drop-colunm; did you mean drop-column? (`migration-lint --explain` lists every rule)'],
    [['chekc'], 'unknown command chekc: expected one of check, check-destructive, verify, schema, status, lock, init; did you mean check?'],
  ])('%j suggests the closest', (args, message) => {
    expect(runCli(args)).toEqual({ code: 2, stdout: '', stderr: `migration-lint: ${message}\nRun migration-lint --help for usage.\n` });
  });
});
