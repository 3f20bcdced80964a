// `check` against real temporary git repositories: a main branch, a feature branch, main moving
// on. Each history case runs the CLI as CI would (`check --base main`, or GITHUB_BASE_REF), and
// each git problem (a bad ref, a shallow clone, no repository) is exit 2 with a message saying
// what to do.
const fs = require('node:fs');
const path = require('node:path');

const { EXAMPLES, GIT_ENV, gitIn, tempDir, runCli } = require('./helpers.cjs');

const DIR = 'prisma/migrations';
const LOCK = 'provider = "postgresql"\n';

const INIT = ['20250101000000_init', 'CREATE TABLE "User" (\n    "id" TEXT NOT NULL,\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n'];
const ADD_EMAIL = ['20250102000000_add_email_to_user', '-- AlterTable\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n'];
const ADD_POST = ['20250110000000_create_post_table', 'CREATE TABLE "Post" ("id" TEXT NOT NULL);\n'];

/** A repository at `root` with git run in it; `write`/`remove` edit the migrations folder. */
function repository(root = tempDir()) {
  const git = gitIn(root);
  const folder = path.join(root, DIR);
  return {
    root,
    git,
    write(name, sql) {
      fs.mkdirSync(path.join(folder, name), { recursive: true });
      fs.writeFileSync(path.join(folder, name, 'migration.sql'), sql);
    },
    remove(name) {
      fs.rmSync(path.join(folder, name), { recursive: true });
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
    },
  };
}

/**
 * main with `INIT` and `ADD_EMAIL`, and a branch `feature` forked from it, checked out. `onMain`
 * runs on main after the fork (main moving on), `onFeature` on the branch.
 */
function forked({ onMain, onFeature } = {}) {
  const repo = repository();
  repo.git('init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(repo.root, DIR), { recursive: true });
  fs.writeFileSync(path.join(repo.root, DIR, 'migration_lock.toml'), LOCK);
  repo.write(...INIT);
  repo.write(...ADD_EMAIL);
  repo.commit('init');
  repo.git('checkout', '-q', '-b', 'feature');
  if (onMain) {
    repo.git('checkout', '-q', 'main');
    onMain(repo);
    repo.commit('main moves on');
    repo.git('checkout', '-q', 'feature');
  }
  if (onFeature) {
    onFeature(repo);
    repo.commit('feature work');
  }
  return repo;
}

/** Run the CLI in the repository, with git's config isolated the same way. */
function lint(repo, args, env = {}) {
  return runCli(args, { cwd: repo.root, env: { ...GIT_ENV, ...env } });
}

function json(result) {
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout).findings;
}

const rulesOf = (findings) => findings.map((finding) => finding.rule);

describe('history against a base branch', () => {
  test('the fixtures are histories PostgreSQL applies, on main and on the branch', () => {
    const repo = forked({ onMain: (r) => r.write(...ADD_POST) });
    for (const branch of ['main', 'feature']) {
      repo.git('checkout', '-q', branch);
      const { code, stdout } = lint(repo, ['schema', DIR, '--format', 'json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).failures).toEqual([]);
    }
  });

  test('a clean feature branch passes, and main moving on elsewhere is only a note to rebase', () => {
    const repo = forked({
      onMain: (r) => r.write(...ADD_POST),
      onFeature: (r) => r.write('20250111000000_add_name_to_user', 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n'),
    });
    const result = lint(repo, ['check', '--base', 'main', '--format', 'json']);
    const findings = json(result);
    expect(findings.map((f) => [f.rule, f.severity, f.file])).toEqual([
      ['order-stale-branch', 'low', `${DIR}/20250111000000_add_name_to_user`],
    ]);
    expect(findings[0].message).toBe(`main gained a migration since this branch forked: \`${ADD_POST[0]}\``);
    expect(result.code).toBe(0);
  });

  test('a new migration sorting before the base\'s newest fails and says how to regenerate it', () => {
    const repo = forked({
      onMain: (r) => r.write(...ADD_POST),
      onFeature: (r) => r.write('20250105000000_add_phone_to_user', 'ALTER TABLE "User" ADD COLUMN "phone" TEXT;\n'),
    });
    const before = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const { code, stdout } = lint(repo, ['check', '--base', 'main']);
    expect(stdout).toContain(
      'high[order-before-base]: `20250105000000_add_phone_to_user` is new on this branch but sorts before `20250110000000_create_post_table`, the newest migration on main',
    );
    expect(stdout).toContain(`--> ${DIR}/20250105000000_add_phone_to_user:1:1`);
    // The suggested timestamp is after main's newest, and no earlier than now.
    const suggested = /help: Rename the folder to `(\d{14})_add_phone_to_user`, or delete it, rebase onto main and run `prisma migrate dev`\./.exec(stdout);
    expect(suggested).not.toBeNull();
    expect(suggested[1] > '20250110000000' && suggested[1] >= before).toBe(true);
    expect(code).toBe(1);
  });

  test('an edited deployed migration fails, pointing at the first changed line', () => {
    const repo = forked({ onFeature: (r) => r.write(ADD_EMAIL[0], ADD_EMAIL[1].replace('TEXT', 'VARCHAR(320)')) });
    const { code, stdout } = lint(repo, ['check', '--base', 'main', '--format', 'json']);
    const findings = JSON.parse(stdout).findings;
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['order-edited', `${DIR}/${ADD_EMAIL[0]}/migration.sql`, 2],
    ]);
    expect(findings[0].message).toMatch(/^`20250102000000_add_email_to_user` was edited after it reached main: Prisma's checksum changed from [0-9a-f]{12} to [0-9a-f]{12}$/);
    expect(code).toBe(1);
    // Run from inside the migrations folder, files are named from there, and git still finds the base.
    const inside = runCli(['check', '.', '--base', 'main', '--format', 'json'], { cwd: path.join(repo.root, DIR), env: GIT_ENV });
    expect(json(inside).map((f) => f.file)).toEqual([`${ADD_EMAIL[0]}/migration.sql`]);
  });

  test('line endings switched to CRLF are not an edit', () => {
    const repo = forked({ onFeature: (r) => r.write(ADD_EMAIL[0], ADD_EMAIL[1].replaceAll('\n', '\r\n')) });
    // The commit really holds CRLF: git changed the blob.
    expect(repo.git('diff', '--stat', 'main', 'feature')).toContain('migration.sql');
    const result = lint(repo, ['check', '--base', 'main', '--format', 'json']);
    expect(json(result)).toEqual([]);
    expect(result.code).toBe(0);
  });

  test('a deleted deployed migration fails', () => {
    const repo = forked({ onFeature: (r) => r.remove(ADD_EMAIL[0]) });
    const { code, stdout } = lint(repo, ['check', '--base', 'main']);
    expect(stdout).toContain(`high[order-deleted]: \`${ADD_EMAIL[0]}\` exists on main but was deleted on this branch`);
    expect(stdout).toContain(`--> ${DIR}/${ADD_EMAIL[0]}:1:1`);
    expect(code).toBe(1);
  });

  test('a stale branch changing what main changed names the colliding objects', () => {
    const repo = forked({
      onMain: (r) => r.write('20250103000000_add_index_user_email', 'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n'),
      onFeature: (r) =>
        r.write('20250104000000_drop_email_from_user', 'DROP INDEX "User_email_key";\nALTER TABLE "User" DROP COLUMN "email";\n'),
    });
    const findings = JSON.parse(lint(repo, ['check', '--base', 'main', '--format', 'json']).stdout).findings;
    const conflict = findings.find((f) => f.rule === 'order-branch-conflict');
    expect(conflict).toMatchObject({ severity: 'medium', file: `${DIR}/20250104000000_drop_email_from_user/migration.sql`, line: 1 });
    expect(conflict.message).toBe(
      'both this migration and `20250103000000_add_index_user_email`, new on main since this branch forked, change index `User_email_key` and table `User`',
    );
    expect(rulesOf(findings)).toEqual(expect.arrayContaining(['order-stale-branch', 'drop-column', 'drop-index']));
  });

  test('with a base, deployed migrations\' SQL is not checked again unless --all', () => {
    const repo = forked({
      onMain: (r) => {
        r.write('20250103000000_create_post_table', 'CREATE TABLE "Post" ("id" TEXT NOT NULL);\n');
        r.write('20250103000001_drop_post_table', 'DROP TABLE "Post";\n');
      },
      onFeature: (r) => r.write('20250104000000_add_name_to_user', 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n'),
    });
    repo.git('merge', '-q', '--no-edit', 'main');
    for (const command of ['check', 'check-destructive']) {
      const scoped = lint(repo, [command, '--base', 'main', '--format', 'json']);
      expect(rulesOf(json(scoped))).toEqual([]);
      expect(scoped.code).toBe(0);
      const all = lint(repo, [command, '--base', 'main', '--all', '--format', 'json']);
      expect(rulesOf(json(all))).toEqual(['drop-table']);
      expect(all.code).toBe(1);
    }
    // Without a base, every migration is checked.
    expect(lint(repo, ['check-destructive']).code).toBe(1);
  });
});

describe('where the base comes from', () => {
  const behind = () =>
    forked({
      onMain: (r) => r.write(...ADD_POST),
      onFeature: (r) => r.write('20250105000000_add_phone_to_user', 'ALTER TABLE "User" ADD COLUMN "phone" TEXT;\n'),
    });

  test('GITHUB_BASE_REF in a pull request means origin/<base>', () => {
    const repo = behind();
    repo.git('update-ref', 'refs/remotes/origin/main', 'main');
    const { code, stdout, stderr } = lint(repo, ['check', '--format', 'json'], { GITHUB_BASE_REF: 'main' });
    expect(stderr).toBe('');
    expect(rulesOf(JSON.parse(stdout).findings)).toEqual(['order-before-base', 'order-stale-branch']);
    expect(JSON.parse(stdout).findings[0].message).toContain('the newest migration on origin/main');
    expect(code).toBe(1);
  });

  test('a defaulted base that is missing is a note, and the checks that need none still run', () => {
    const repo = behind();
    const { code, stdout, stderr } = lint(repo, ['check', '--format', 'json'], { GITHUB_BASE_REF: 'main' });
    expect(stderr).toMatch(/^migration-lint: note: base origin\/main from GITHUB_BASE_REF is not available \(actions\/checkout fetches only the pull request unless `fetch-depth: 0` is set\): unknown git ref origin\/main/);
    expect(stderr).toContain('Running the checks that need no base.');
    expect(JSON.parse(stdout).findings).toEqual([]);
    expect(code).toBe(0);
  });

  test('the config\'s base is used, and --base wins over it', () => {
    const repo = behind();
    fs.writeFileSync(path.join(repo.root, 'migration-lint.config.json'), JSON.stringify({ base: 'main' }));
    const configured = lint(repo, ['check', '--format', 'json']);
    expect(rulesOf(json(configured))).toEqual(['order-before-base', 'order-stale-branch']);
    repo.git('branch', 'old', 'main~1');
    const overridden = lint(repo, ['check', '--base', 'old', '--format', 'json']);
    expect(rulesOf(json(overridden))).toEqual([]);
    expect(overridden.code).toBe(0);
  });
});

describe('git problems are exit 2 with a message saying what to do', () => {
  test('a bad ref', () => {
    const repo = forked();
    const { code, stdout, stderr } = lint(repo, ['check', '--base', 'origin/mian']);
    expect(stdout).toBe('');
    expect(stderr).toBe('migration-lint: unknown git ref origin/mian: no branch, tag or commit of that name here. Fetch it first (e.g. `git fetch origin`).\n');
    expect(code).toBe(2);
  });

  test('a shallow clone that does not reach the merge-base', () => {
    const upstream = forked({
      onMain: (r) => r.write(...ADD_POST),
      onFeature: (r) => r.write('20250111000000_add_name_to_user', 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n'),
    });
    const clone = repository();
    clone.git('clone', '-q', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${upstream.root}`, '.');
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    const { code, stdout, stderr } = lint(clone, ['check', '--base', 'origin/main']);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'migration-lint: this clone is shallow and does not reach the commit where HEAD and origin/main forked, so the migrations there cannot be read: with actions/checkout, set `fetch-depth: 0`; elsewhere run `git fetch --unshallow`\n',
    );
    expect(code).toBe(2);
    // The same clone, deepened, works.
    clone.git('fetch', '-q', '--unshallow');
    expect(lint(clone, ['check', '--base', 'origin/main']).code).toBe(0);
  });

  test('a folder outside any git repository, with --base', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, DIR, INIT[0]), { recursive: true });
    fs.writeFileSync(path.join(root, DIR, INIT[0], 'migration.sql'), INIT[1]);
    const env = { GIT_CEILING_DIRECTORIES: path.dirname(root) };
    const { code, stdout, stderr } = runCli(['check', '--base', 'main'], { cwd: root, env });
    expect(stdout).toBe('');
    expect(stderr).toBe(`migration-lint: ${DIR} is not inside a git repository, so there is no base main to compare with\n`);
    expect(code).toBe(2);
    // Only defaulted (by the config): a note instead.
    fs.writeFileSync(path.join(root, 'migration-lint.config.json'), '{"base": "origin/main"}');
    const noted = runCli(['check'], { cwd: root, env });
    expect(noted.stderr).toMatch(/^migration-lint: note: base origin\/main from the config's "base" is not available: /);
    expect(noted.stdout).toContain('medium[naming-lock-file]');
    expect(noted.code).toBe(0);
  });
});

describe('configuration', () => {
  function withConfig(file, content) {
    const repo = forked({ onFeature: (r) => r.write('20250103000000_tweak_user', 'ALTER TABLE "User" RENAME COLUMN "email" TO "mail";\n') });
    fs.writeFileSync(path.join(repo.root, file), typeof content === 'string' ? content : JSON.stringify(content));
    return repo;
  }

  test('an unknown key is exit 2, naming the file and the key and suggesting the right one', () => {
    const repo = withConfig('migration-lint.config.json', { naming: { maxLen: 40 } });
    const { code, stdout, stderr } = lint(repo, ['check']);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'migration-lint: migration-lint.config.json: `naming.maxLen`: unknown key `maxLen`; did you mean `maxLength`? (expected one of `verbs`, `extraVerbs`, `maxLength`, `futureToleranceMinutes`)\n',
    );
    expect(code).toBe(2);
  });

  test('"migrationLint" in package.json is read and checked the same way', () => {
    const repo = withConfig('package.json', { name: 'app', migrationLint: { rules: { 'rename-colum': 'off' } } });
    const { code, stderr } = lint(repo, ['check']);
    expect(stderr).toBe(
      'migration-lint: package.json ("migrationLint"): `rules.rename-colum`: unknown rule `rename-colum`; did you mean `rename-column`?\n',
    );
    expect(code).toBe(2);
  });

  test('invalid JSON and a missing --config file are exit 2', () => {
    const repo = withConfig('migration-lint.config.json', '{"failOn": "high",}');
    const broken = lint(repo, ['check']);
    expect(broken.stderr).toMatch(/^migration-lint: migration-lint\.config\.json: invalid JSON: trailing comma at line 1 column 19\n$/);
    expect(broken.code).toBe(2);
    const missing = lint(repo, ['check', '--config', 'nope.json']);
    expect(missing.stderr).toBe('migration-lint: config file not found: nope.json\n');
    expect(missing.code).toBe(2);
  });

  test('levels, naming options, failOn and migrations apply; CLI flags win', () => {
    const repo = withConfig('lint.json', {
      migrations: DIR,
      failOn: 'low',
      rules: { 'rename-column': 'off' },
      naming: { extraVerbs: ['tweak'] },
    });
    // Without the config: rename-column (medium) and naming-verb (low); exit 0 at the default threshold.
    const plain = lint(repo, ['check', DIR, '--format', 'json']);
    expect(rulesOf(json(plain))).toEqual(['naming-verb', 'rename-column']);
    expect(plain.code).toBe(0);
    // With it: nothing left, though failOn is low.
    const configured = lint(repo, ['check', '--config', 'lint.json', '--format', 'json']);
    expect(rulesOf(json(configured))).toEqual([]);
    expect(configured.code).toBe(0);
    // failOn low with a low finding fails; --fail-on never wins.
    fs.writeFileSync(path.join(repo.root, 'lint.json'), JSON.stringify({ migrations: DIR, failOn: 'low' }));
    expect(lint(repo, ['check', '--config', 'lint.json']).code).toBe(1);
    expect(lint(repo, ['check', '--config', 'lint.json', '--fail-on', 'never']).code).toBe(0);
  });

  test('a config in the migrations folder\'s package root is found from a workspace root', () => {
    const repo = repository();
    repo.git('init', '-q', '-b', 'main');
    const pkg = path.join(repo.root, 'packages/database');
    fs.mkdirSync(path.join(pkg, DIR, INIT[0]), { recursive: true });
    fs.writeFileSync(path.join(pkg, DIR, 'migration_lock.toml'), LOCK);
    fs.writeFileSync(path.join(pkg, DIR, INIT[0], 'migration.sql'), 'DROP TABLE "Legacy";\n');
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'db', migrationLint: { rules: { 'drop-table': 'low' } } }));
    const { code, stdout } = lint(repo, ['check', '--format', 'json']);
    expect(JSON.parse(stdout).findings.map((f) => [f.rule, f.severity, f.file])).toEqual([
      ['drop-table', 'low', `packages/database/${DIR}/${INIT[0]}/migration.sql`],
    ]);
    expect(code).toBe(0);
  });
});

test('check on the example folder: its destructive findings, and nothing about its well-kept names', () => {
  const { code, stdout } = runCli(['check', EXAMPLES, '--format', 'json']);
  const report = JSON.parse(stdout);
  const destructive = JSON.parse(runCli(['check-destructive', EXAMPLES, '--format', 'json']).stdout);
  expect(report).toEqual(destructive);
  expect(new Set(report.findings.map((f) => f.category))).toEqual(new Set(['destructive', 'safety']));
  // The one safety finding: the relation Prisma wrote without an index on its column.
  expect(report.findings.filter((f) => f.category === 'safety').map((f) => f.rule)).toEqual(['foreign-key-without-index']);
  expect(report.findings.length).toBeGreaterThan(0);
  expect(code).toBe(1);
});
