// The team's flow with real pnpm (the npm package, a devDependency of this repository), offline,
// in a copy of examples/pnpm-workspace made a git repository: main holds three deployed
// migrations, the checked-out branch adds one that drops two columns. This package goes into
// packages/migration-lint as npm would publish it, `pnpm install` links it into packages/database,
// and the database package's scripts run against it, and so does the GitHub workflow's check job,
// step by step with its `if:` conditions (runCheckJob): on this branch, on one that changes no
// migration, with the drop approved, and with a missing script.
//
// pnpm gets a home, a store and config folders of its own (nothing of the user's is read or
// written) and a registry on a closed port, so an install that wanted the network would fail.
// The PR comments are Jest snapshots (tests/js/__snapshots__): `npx jest -u tests/js/pnpm.test.cjs`
// rewrites them after an intended change; review the diff.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const { ROOT, GIT_ENV, fakeGithub, gitIn, tempDir } = require('./helpers.cjs');

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

/** A report with the merge-base commit (which changes with the temporary paths committed) blanked. */
function commitless(report) {
  return report.replace(/\(merge-base [0-9a-f]{12}\)/g, '(merge-base <commit>)');
}

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
  // For the workflow's steps: `pnpm` as corepack provides it, `node` as actions/setup-node does,
  // and a `corepack enable` with nothing left to do.
  fs.writeFileSync(path.join(bin, 'pnpm'), `#!/bin/sh\nexec "${process.execPath}" "${PNPM}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'corepack'), '#!/bin/sh\n[ "$*" = enable ]\n', { mode: 0o755 });
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

/**
 * The value of a GitHub expression, in the small part of the language the workflow uses: terms
 * joined by `&&`, each a status function, or `a == b` / `a != b` of 'strings' and context paths
 * (a missing path is null, as in GitHub). Anything else throws, so the workflow cannot drift into
 * syntax this stand-in would misread. Without a status function, `success() &&` is implied.
 */
function evaluate(expression, context, failed) {
  const operand = (text) => {
    text = text.trim();
    if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
    if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(text)) throw new Error(`unsupported operand in \`${expression}\`: ${text}`);
    return text.split('.').reduce((value, key) => (value == null ? null : (value[key] ?? null)), context);
  };
  const status = { 'success()': !failed, 'failure()': failed, 'always()': true };
  const terms = expression.split('&&').map((term) => term.trim());
  const implied = terms.some((term) => term in status) ? [] : [!failed];
  return [
    ...implied,
    ...terms.map((term) => {
      if (term in status) return status[term];
      const comparison = term.match(/^(.+?)\s*(==|!=)\s*(.+)$/);
      if (comparison) return (operand(comparison[1]) === operand(comparison[3])) === (comparison[2] === '==');
      return Boolean(operand(term));
    }),
  ].every(Boolean);
}

/** `text` with each `${{ expression }}` replaced by its value. */
function interpolate(text, context) {
  return String(text).replace(/\$\{\{(.+?)\}\}/g, (_, expression) => {
    if (!/^\s*[\w.-]+\s*$/.test(expression)) throw new Error(`unsupported expression: ${expression}`);
    return String(expression.trim().split('.').reduce((value, key) => value?.[key], context) ?? '');
  });
}

/**
 * The workflow's check job, run as GitHub runs it from the workspace root: each step's `if:`, its
 * `run:` script with bash -e and pipefail, and the github-script against a fake GitHub API holding
 * `comments`. A failed step skips the steps after it (all use the implied success()). The test's
 * checkout is actions/checkout's and its node actions/setup-node's; `corepack` is a stand-in on
 * PATH, as `pnpm` is. `env` overrides the job's env; `stopAfter` ends the job after that step.
 * Returns each step's outcome, the job's result and outputs, and whether the `approve` job would run.
 */
async function runCheckJob({ env: overrides = {}, comments = [], stopAfter } = {}) {
  const workflow = YAML.parse(fs.readFileSync(WORKFLOW, 'utf8'));
  const job = workflow.jobs.check;
  const temp = fs.mkdtempSync(path.join(work, 'runner-'));
  const context = {
    github: {
      base_ref: 'main',
      repository: 'skillancer/app',
      event: { pull_request: { number: 42, head: { repo: { full_name: 'skillancer/app' } } } },
    },
    runner: { temp },
    steps: {},
  };
  const jobEnv = { ...Object.fromEntries(Object.entries(job.env).map(([key, value]) => [key, interpolate(value, context)])), ...overrides };
  const calls = [];
  const steps = [];
  let failed = false;
  for (const step of job.steps) {
    const outcome = { id: step.id, name: step.name ?? step.uses, status: 'skipped', code: null, stdout: '', stderr: '', outputs: {} };
    steps.push(outcome);
    if (step.id) context.steps[step.id] = { outputs: outcome.outputs };
    if (!evaluate(step.if ?? 'success()', context, failed)) continue;
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(value, context)]));
    if (step.run) {
      const output = path.join(temp, `output-${steps.length}`);
      fs.writeFileSync(output, '');
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: ws,
        encoding: 'utf8',
        env: { ...env, ...jobEnv, ...stepEnv, RUNNER_TEMP: temp, GITHUB_OUTPUT: output },
      });
      Object.assign(outcome, { code: result.status, stdout: result.stdout, stderr: result.stderr });
      for (const line of fs.readFileSync(output, 'utf8').split('\n').filter(Boolean)) {
        const at = line.indexOf('=');
        outcome.outputs[line.slice(0, at)] = line.slice(at + 1);
      }
    } else if (/^actions\/(checkout|setup-node)@/.test(step.uses)) {
      outcome.code = 0;
    } else if (/^actions\/github-script@/.test(step.uses)) {
      const error = await runGithubScript(step.with.script, stepEnv, comments, calls);
      Object.assign(outcome, { code: error ? 1 : 0, stderr: error ?? '' });
    } else {
      throw new Error(`no stand-in for ${step.uses}`);
    }
    outcome.status = outcome.code === 0 ? 'success' : 'failure';
    failed ||= outcome.code !== 0;
    if (step.id !== undefined && step.id === stopAfter) break;
  }
  const outputs = Object.fromEntries(Object.entries(job.outputs).map(([key, value]) => [key, interpolate(value, context)]));
  const approve = workflow.jobs.approve;
  const needs = { [approve.needs]: { outputs, result: failed ? 'failure' : 'success' } };
  return {
    steps,
    step: (id) => steps.find((s) => s.id === id),
    result: failed ? 'failure' : 'success',
    outputs,
    calls,
    approveRuns: evaluate(approve.if, { needs }, failed),
    temp,
  };
}

/**
 * The github-script `script` run as actions/github-script runs it (an async function body), with
 * a fake API holding `comments` that records its writes in `calls`: null, or what it threw.
 * workflow.test.cjs tests the script itself, case by case.
 */
async function runGithubScript(script, stepEnv, comments, calls) {
  const { github, context, core, calls: made } = fakeGithub(comments);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  try {
    await new AsyncFunction('github', 'context', 'core', 'require', 'process', script)(github, context, core, require, { env: stepEnv });
    return null;
  } catch (error) {
    return String(error);
  } finally {
    calls.push(...made);
  }
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

describe('a pull request that changes no migration', () => {
  let git;
  beforeAll(() => {
    git = gitIn(ws);
    git('checkout', '-q', '-b', 'docs-only', 'main');
    fs.appendFileSync(path.join(ws, 'README.md'), '\nA change to the docs.\n');
    git('add', 'README.md');
    git('commit', '-q', '-m', 'docs');
  });
  afterAll(() => git('checkout', '-q', 'drop-legacy-profile'));

  test("the workflow's check job finds no change, skips every later step, and succeeds", async () => {
    const job = await runCheckJob();
    expect(job.step('changes')).toMatchObject({ status: 'success', outputs: { changed: 'false' } });
    expect(job.step('changes').stdout).toBe('No change to the migrations or their configuration: nothing to check.\n');
    const later = job.steps.slice(job.steps.indexOf(job.step('changes')) + 1);
    expect(later.map((s) => [s.name, s.status])).toEqual([
      ['actions/setup-node@v5', 'skipped'],
      ['Enable pnpm', 'skipped'],
      ['Install', 'skipped'],
      ['Find the check script', 'skipped'],
      ['Review report', 'skipped'],
      ['Post or update the review comment', 'skipped'],
      ['Annotate the diff and gate', 'skipped'],
    ]);
    expect(job.calls).toEqual([]);
    expect(job.result).toBe('success');
    expect(job.approveRuns).toBe(false);
  });

  test('a change to the migration-lint config counts as a change', async () => {
    const config = path.join(database, 'migration-lint.config.json');
    const original = fs.readFileSync(config, 'utf8');
    fs.writeFileSync(config, original.replace('"failOn": "high"', '"failOn": "medium"'));
    git('commit', '-q', '-am', 'stricter');
    try {
      const job = await runCheckJob({ stopAfter: 'changes' });
      expect(job.step('changes').outputs).toEqual({ changed: 'true' });
      expect(job.step('changes').stdout).toBe('Changed:\npackages/database/migration-lint.config.json\n');
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });
});

describe('a pending destructive migration', () => {
  test('pnpm db:check-destructive fails on it, and only on it (the base is origin/main)', () => {
    const { code, stdout, stderr } = pnpm(['db:check-destructive']);
    expect(stdout).toContain('high[drop-column]: drops column `legacyAvatarUrl` of table `User`\n');
    expect(stdout).toContain(`--> ${PENDING_SQL}:9:20\n`);
    expect(stdout).toContain('high[drop-column]: drops column `legacyBio` of table `User`\n');
    expect(stdout).toContain(`--> ${PENDING_SQL}:10:1\n`);
    expect(stdout).toMatch(
      /\n2 findings: 2 high, 0 medium, 0 low in 1 file \(1 statement\); 1 of 4 migrations checked: new since origin\/main \(merge-base [0-9a-f]{12}\)\n/,
    );
    // The exact comment to add, above the statement (both drops are in one ALTER TABLE).
    expect(stdout.match(/= approve: add above line 9: -- migration-lint approve drop-column: <reason>\n/g)).toHaveLength(2);
    // pnpm's own line, on stdout or stderr depending on its version.
    expect(stdout + stderr).toContain('Command failed with exit code 1.');
    expect(code).toBe(1);
  });

  test('pnpm db:check-destructive -- --base origin/main: the `--` pnpm passes on to the script is ignored', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-destructive', '--', '--base', 'origin/main', '--format', 'json']);
    const report = JSON.parse(stdout);
    expect(report.findings.map((f) => f.rule)).toEqual(['drop-column', 'drop-column']);
    expect(report.scopes[0]).toMatchObject({ base: 'origin/main', checked: 1, migrations: 4 });
    expect(code).toBe(1);
  });

  test('pnpm db:check-migrations: names and order are clean, the drop fails', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-migrations', '--format', 'json']);
    expect(JSON.parse(stdout).findings.map((f) => f.rule)).toEqual(['drop-column', 'drop-column']);
    expect(code).toBe(1);
  });

  test('--format markdown is the expected pull-request comment, naming files from the repository root', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-destructive', '--format', 'markdown']);
    expect(stdout).toMatch(/ \(merge-base [0-9a-f]{12}\)\./);
    expect(commitless(stdout)).toMatchSnapshot('markdown PR comment');
    expect(code).toBe(1);
  });

  test("the workflow's check job: the report and the comment, then annotations at repository paths, then it fails", async () => {
    const job = await runCheckJob();
    expect(job.steps.map((s) => [s.name, s.status])).toEqual([
      ['actions/checkout@v5', 'success'],
      ['Find migration changes', 'success'],
      ['actions/setup-node@v5', 'success'],
      ['Enable pnpm', 'success'],
      ['Install', 'success'],
      ['Find the check script', 'success'],
      ['Review report', 'success'],
      ['Post or update the review comment', 'success'],
      ['Annotate the diff and gate', 'failure'],
    ]);
    expect(job.step('changes').outputs).toEqual({ changed: 'true' });
    expect(job.step('changes').stdout).toContain(`packages/database/prisma/migrations/${PENDING}/migration.sql`);
    expect(job.step('report').stderr).toBe('');
    expect(job.step('report').outputs).toEqual({ approved: 'false' });

    // The comment went up, with the markdown report, before the job failed.
    const markdown = fs.readFileSync(path.join(job.temp, 'migration-lint.md'), 'utf8');
    expect(markdown).toMatch(/^<!-- migration-lint:report -->\n/);
    expect(markdown).toContain(`### \`packages/database/prisma/migrations/${PENDING}\``);
    expect(job.calls).toEqual([['create', { owner: 'skillancer', repo: 'app', issue_number: 42, body: markdown }]]);

    const gate = job.step('gate');
    expect(gate.code).toBe(1);
    const file = `file=packages/database/${PENDING_SQL}`;
    expect(gate.stdout.split('\n').filter((line) => line.startsWith('::')).map((line) => line.split('::')[1])).toEqual([
      `error ${file},line=9,col=20,endLine=9,endColumn=49,title=drop-column (high)`,
      `error ${file},line=10,col=1,endLine=10,endColumn=24,title=drop-column (high)`,
      'error title=Database migrations',
    ]);
    expect(job.result).toBe('failure');
    expect(job.approveRuns).toBe(false);
  });

  test('a missing check script fails the job out loud, before any report (pnpm alone would exit 1 without a word)', async () => {
    // What the workflow guards against: under --silent, pnpm's exit code for a missing script is
    // the code of findings, and it says nothing.
    const silent = pnpm(['--filter', 'database', '--fail-if-no-match', '--silent', 'run', 'db:check-destructiv'], ws);
    expect(silent).toEqual({ code: 1, stdout: '', stderr: '' });

    const job = await runCheckJob({ env: { CHECK_SCRIPT: 'db:check-destructiv' } });
    const script = job.step('script');
    expect(script.status).toBe('failure');
    expect(script.stdout).toContain('None of the selected packages has a "db:check-destructiv" script');
    expect(script.stdout).toMatch(/^::error title=Cannot run db:check-destructiv::.*add "db:check-destructiv": "migration-lint check" to the scripts of packages\/database\/package.json/m);
    expect(job.steps.slice(job.steps.indexOf(script) + 1).map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(fs.existsSync(path.join(job.temp, 'migration-lint.md'))).toBe(false);
    expect(job.result).toBe('failure');
  });

  test('the check script runs with --version first; a filtered pnpm exec would report exit code 2 as 1', () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(pnpm(['--filter', 'database', '--fail-if-no-match', 'run', 'db:check-migrations', '--version'], ws).stdout).toContain(
      `\nmigration-lint ${version}\n`,
    );
    // Exit code 2 (here a usage error) through `pnpm run` and through a filtered `pnpm exec`.
    expect(pnpm(['--filter', 'database', '--silent', 'run', 'db:check-migrations', '--format', 'yaml'], ws).code).toBe(2);
    expect(pnpm(['--filter', 'database', '--silent', 'exec', 'migration-lint', 'check', '--format', 'yaml'], ws).code).toBe(1);
  });

  test('a base branch the job cannot compare with fails it, rather than skipping the check', async () => {
    const job = await runCheckJob({ env: { BASE_REF: 'no-such-branch' } });
    expect(job.step('changes').status).toBe('failure');
    expect(job.step('changes').stderr).toContain('origin/no-such-branch...HEAD');
    expect(job.step('gate').status).toBe('skipped');
    expect(job.result).toBe('failure');
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
    expect(stdout).toMatch(/2 findings: 0 high, 0 medium, 0 low, 2 approved in 1 file \(1 statement\); 1 of 4 migrations checked: new since origin\/main \(merge-base [0-9a-f]{12}\)\n$/);
    expect(stdout).not.toContain('= approve:');
    expect(code).toBe(0);
  });

  test('pnpm db:check-migrations passes', () => {
    const { code, stderr } = pnpm(['db:check-migrations']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('--format markdown is the expected comment, with the approval', () => {
    const { code, stdout } = pnpm(['--silent', 'db:check-destructive', '--format', 'markdown']);
    expect(commitless(stdout)).toMatchSnapshot('markdown PR comment, approved');
    expect(code).toBe(0);
  });

  test("the workflow's check job passes, with approved findings as notices, and asks the optional approve job", async () => {
    const job = await runCheckJob();
    expect(job.steps.map((s) => s.status)).toEqual(Array(job.steps.length).fill('success'));
    expect(job.step('report').outputs).toEqual({ approved: 'true' });
    expect(job.calls.map(([kind]) => kind)).toEqual(['create']);
    const gate = job.step('gate');
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/^::notice file=packages\/database\/prisma\/migrations\/.+,title=drop-column \(high%2C approved\)::/m);
    expect(gate.stdout).not.toContain('::error');
    expect(job.result).toBe('success');
    expect(job.outputs).toEqual({ approved: 'true' });
    expect(job.approveRuns).toBe(true);
  });
});
