// The team's flow with real pnpm (the npm package, a devDependency of this repository), offline,
// in a copy of examples/pnpm-workspace made a git repository: main holds three deployed
// migrations, the checked-out branch adds one that drops two columns. This package goes into
// packages/migration-lint as npm would publish it, `pnpm install` links it into packages/database,
// and the database package's scripts and the GitHub workflow's steps run against it.
//
// pnpm gets a home, a store and config folders of its own (nothing of the user's is read or
// written) and a registry on a closed port, so an install that wanted the network would fail.
// The PR comments are Jest snapshots (tests/js/__snapshots__): `npx jest -u tests/js/pnpm.test.cjs`
// rewrites them after an intended change; review the diff.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const { ROOT, GIT_ENV, gitIn, tempDir } = require('./helpers.cjs');

const EXAMPLE = path.join(ROOT, 'examples/pnpm-workspace');
const WORKFLOW = path.join(ROOT, 'examples/github-actions/migration-lint.yml');
// pnpm's manifest exports nothing to require.resolve; its bin is a plain file.
const PNPM_DIR = path.join(ROOT, 'node_modules/pnpm');
const PNPM = path.join(PNPM_DIR, 'bin/pnpm.cjs');
const PENDING = '20250422160000_drop_user_legacy_profile_columns';
const PENDING_SQL = `prisma/migrations/${PENDING}/migration.sql`;
const REASON =
  'profile fields moved to UserProfile; unread since release 2.14, exported to s3://skillancer-backups/2025-04/user-legacy-profile.csv';

const work = tempDir();
const ws = path.join(work, 'ws');
const database = path.join(ws, 'packages/database');
const env = isolatedEnv();

/** The environment pnpm, git and the CLI run in: nothing from the user's or npm's setup. */
function isolatedEnv() {
  const clean = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm run sets npm_config_*, which pnpm reads too; CI and GITHUB_* change pnpm's and the CLI's defaults.
    if (/^(npm_|pnpm_|PNPM_|GITHUB_|RUNNER_|XDG_)/i.test(key) || ['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(key)) continue;
    clean[key] = value;
  }
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  // `pnpm` on PATH, as corepack provides it, for the workflow's steps.
  fs.writeFileSync(path.join(bin, 'pnpm'), `#!/bin/sh\nexec "${process.execPath}" "${PNPM}" "$@"\n`, { mode: 0o755 });
  const home = path.join(work, 'home');
  return {
    ...clean,
    ...GIT_ENV,
    PATH: `${bin}${path.delimiter}${clean.PATH}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    npm_config_store_dir: path.join(work, 'store'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_fetch_retries: '0',
    npm_config_update_notifier: 'false',
  };
}

function pnpm(args, cwd = database) {
  const result = spawnSync(process.execPath, [PNPM, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** This package as `npm publish` ships it (the manifest's `files`), without its devDependencies. */
function addPackage() {
  const target = path.join(ws, 'packages/migration-lint');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const entry of manifest.files) fs.cpSync(path.join(ROOT, entry), path.join(target, entry), { recursive: true });
  delete manifest.devDependencies;
  // PGlite (verify's engine) is not in the offline store this install may use; the example's
  // scripts do not need it, and pack.test.cjs runs the package without it.
  delete manifest.optionalDependencies;
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The `run` script of the workflow step `id`, run as GitHub runs it (bash -e, pipefail) from the workspace root. */
function workflowStep(id) {
  const workflow = YAML.parse(fs.readFileSync(WORKFLOW, 'utf8'));
  const step = workflow.jobs.check.steps.find((s) => s.id === id);
  const output = path.join(work, `${id}.output`);
  fs.writeFileSync(output, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd: ws,
    encoding: 'utf8',
    env: { ...env, BASE_REF: 'main', RUNNER_TEMP: work, GITHUB_OUTPUT: output },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs: fs.readFileSync(output, 'utf8') };
}

let install;

beforeAll(() => {
  fs.cpSync(EXAMPLE, ws, { recursive: true });
  addPackage();
  const git = gitIn(ws);
  git('init', '-q', '-b', 'main');
  const pending = path.join(database, 'prisma/migrations', PENDING);
  const aside = path.join(work, PENDING);
  fs.renameSync(pending, aside);
  git('add', '-A');
  git('commit', '-q', '-m', 'deployed migrations');
  // What actions/checkout fetches: the base branch as origin/main.
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('checkout', '-q', '-b', 'drop-legacy-profile');
  fs.renameSync(aside, pending);
  git('add', '-A');
  git('commit', '-q', '-m', 'drop the legacy profile columns');
  install = pnpm(['install', '--offline', '--frozen-lockfile'], ws);
});

test('the example asks for the pnpm this repository installs', () => {
  const { packageManager } = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'package.json'), 'utf8'));
  // pnpm 10 downloads the packageManager version when it differs from the running one.
  expect(packageManager).toBe(`pnpm@${JSON.parse(fs.readFileSync(path.join(PNPM_DIR, 'package.json'), 'utf8')).version}`);
});

test('pnpm install links the workspace package offline, from the committed lockfile', () => {
  expect(install.stderr).toBe('');
  expect(install.code).toBe(0);
  expect(install.stdout).toContain('Lockfile is up to date');
  const linked = path.join(database, 'node_modules/@skillancer/migration-lint');
  expect(fs.realpathSync(linked)).toBe(fs.realpathSync(path.join(ws, 'packages/migration-lint')));
  expect(fs.existsSync(path.join(database, 'node_modules/.bin/migration-lint'))).toBe(true);
  // The config's "$schema" resolves in the installed package.
  const config = JSON.parse(fs.readFileSync(path.join(database, 'migration-lint.config.json'), 'utf8'));
  expect(fs.existsSync(path.join(database, config.$schema))).toBe(true);
});

describe('a pending destructive migration', () => {
  test('pnpm db:check-destructive fails on it, and only on it (the base is origin/main)', () => {
    const { code, stdout, stderr } = pnpm(['db:check-destructive']);
    expect(stdout).toContain('high[drop-column]: drops column `legacyAvatarUrl` of table `User`\n');
    expect(stdout).toContain(`--> ${PENDING_SQL}:9:20\n`);
    expect(stdout).toContain('high[drop-column]: drops column `legacyBio` of table `User`\n');
    expect(stdout).toContain(`--> ${PENDING_SQL}:10:1\n`);
    expect(stdout).toContain('\n2 findings: 2 high, 0 medium, 0 low in 1 file (1 statement)\n');
    // pnpm's own line, on stdout or stderr depending on its version.
    expect(stdout + stderr).toContain('Command failed with exit code 1.');
    expect(code).toBe(1);
  });

  test('pnpm db:check-migrations: names and order are clean, the drop fails', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-migrations', '--format', 'json']);
    expect(JSON.parse(stdout).findings.map((f) => f.rule)).toEqual(['drop-column', 'drop-column']);
    expect(code).toBe(1);
  });

  test('--format markdown is the expected pull-request comment, naming files from the repository root', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-destructive', '--format', 'markdown']);
    expect(stdout).toMatchSnapshot('markdown PR comment');
    expect(code).toBe(1);
  });

  test("the workflow's steps: the report, and annotations at repository paths with exit code 1 passed on", () => {
    const report = workflowStep('report');
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const markdown = fs.readFileSync(path.join(work, 'migration-lint.md'), 'utf8');
    expect(markdown).toMatch(/^<!-- migration-lint:report -->\n/);
    expect(markdown).toContain(`### \`packages/database/prisma/migrations/${PENDING}\``);

    const annotate = workflowStep('annotate');
    expect(annotate.code).toBe(0);
    expect(annotate.outputs).toBe('code=1\n');
    const file = `file=packages/database/${PENDING_SQL}`;
    expect(annotate.stdout.split('\n').filter((line) => line.startsWith('::')).map((line) => line.split('::')[1])).toEqual([
      `error ${file},line=9,col=20,endLine=9,endColumn=49,title=drop-column (high)`,
      `error ${file},line=10,col=1,endLine=10,endColumn=24,title=drop-column (high)`,
    ]);
  });
});

describe('approved in the SQL', () => {
  beforeAll(() => {
    const file = path.join(database, PENDING_SQL);
    const sql = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, sql.replace('-- AlterTable\n', `-- AlterTable\n-- migration-lint approve drop-column: ${REASON}\n`));
  });

  test('pnpm db:check-destructive passes, and shows both findings approved with the reason', () => {
    const { code, stdout, stderr } = pnpm(['db:check-destructive']);
    expect(stderr).toBe('');
    expect(stdout).toContain('high[drop-column] (approved): drops column `legacyAvatarUrl` of table `User`\n');
    expect(stdout).toContain('high[drop-column] (approved): drops column `legacyBio` of table `User`\n');
    expect(stdout.split(`= approved: ${REASON} (comment)\n`)).toHaveLength(3);
    expect(stdout).toMatch(/2 findings: 0 high, 0 medium, 0 low, 2 approved in 1 file \(1 statement\)\n$/);
    expect(code).toBe(0);
  });

  test('pnpm db:check-migrations passes', () => {
    const { code, stderr } = pnpm(['db:check-migrations']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('--format markdown is the expected comment, with the approval', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-destructive', '--format', 'markdown']);
    expect(stdout).toMatchSnapshot('markdown PR comment, approved');
    expect(code).toBe(0);
  });

  test("the workflow's annotate step: exit code 0, approved findings as notices", () => {
    const annotate = workflowStep('annotate');
    expect(annotate.code).toBe(0);
    expect(annotate.outputs).toBe('code=0\n');
    expect(annotate.stdout).toMatch(/^::notice file=packages\/database\/prisma\/migrations\/.+,title=drop-column \(high%2C approved\)::/m);
    expect(annotate.stdout).not.toContain('::error');
  });
});
