// Shared by the Jest tests: temporary migrations folders, running the CLI, listing what is on disk.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'js/cli.js');
const EXAMPLES = path.join(ROOT, 'examples/prisma/migrations');

const made = [];

/** A fresh temporary folder, removed after the test file. */
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-lint-'));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Write a Prisma migrations folder under `root/dir`: `migrations` maps folder names to the
 * migration.sql text (a string or a Buffer), or to null for a folder without one.
 */
function writeMigrations(root, dir, migrations, lock = 'provider = "postgresql"\n') {
  const base = path.join(root, dir);
  fs.mkdirSync(base, { recursive: true });
  if (lock !== null) fs.writeFileSync(path.join(base, 'migration_lock.toml'), lock);
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(base, name));
    if (sql === null) fs.writeFileSync(path.join(base, name, 'README.md'), 'not a migration\n');
    else fs.writeFileSync(path.join(base, name, 'migration.sql'), sql);
  }
  return base;
}

// A git that reads no user or system config (autocrlf, hooks, signing) and commits as a fixed
// person at a fixed time, so commit hashes (the merge-base a summary names) are the same every run.
const GIT_ENV = {
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** `git(...args)` run in `root` with `GIT_ENV`: its trimmed output, or a thrown error. */
function gitIn(root) {
  return (...args) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
}

/** Run the CLI with a controlled colour environment. */
function runCli(args, { cwd = ROOT, env = {} } = {}) {
  const clean = { ...process.env };
  // GITHUB_BASE_REF would give every run a base when the tests run in a pull request's CI.
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'GITHUB_BASE_REF']) delete clean[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every path under `dir` with its size and mtime: to show that nothing was written. */
function snapshot(dir) {
  const entries = [];
  const walk = (at) => {
    for (const name of fs.readdirSync(at).sort()) {
      const full = path.join(at, name);
      const stats = fs.statSync(full);
      entries.push(`${path.relative(dir, full)} ${stats.size} ${stats.mtimeMs}`);
      if (stats.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return entries;
}

// A first migration that creates what the others change, so each folder is a history PostgreSQL
// can apply (the schema model reports what a history uses before creating it).
const SAFE = 'CREATE TABLE "User" (\n    "id" TEXT NOT NULL,\n    "legacyEmail" TEXT,\n    "legacyName" TEXT,\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\nCREATE TABLE "Session" ("id" TEXT NOT NULL);\nCREATE UNIQUE INDEX "User_email_key" ON "User"("legacyEmail");\n';
const DROP_TABLE = '-- DropTable\nDROP TABLE "Session";\n';
const DROP_COLUMNS = 'ALTER TABLE "public"."User" DROP COLUMN "legacyEmail",\nDROP COLUMN "legacyName";\n';
const DROP_INDEX = 'DROP INDEX "User_email_key";\n';

/**
 * What actions/github-script hands a script, with a fake API: pull request 42 of skillancer/app
 * holds `comments`; writes are recorded in `calls` (`['create' | 'update', params]`), each
 * `paginate` call's params in `listed`.
 */
function fakeGithub(comments) {
  const calls = [];
  const listed = [];
  const github = {
    paginate: async (method, params) => {
      listed.push(params);
      return method === github.rest.issues.listComments && params.issue_number === 42 ? comments : [];
    },
    rest: {
      issues: {
        listComments: () => {},
        createComment: async (params) => calls.push(['create', params]),
        updateComment: async (params) => calls.push(['update', params]),
      },
    },
  };
  const context = { repo: { owner: 'skillancer', repo: 'app' }, payload: { pull_request: { number: 42 } } };
  return { github, context, core: { info: () => {} }, calls, listed };
}

module.exports = { fakeGithub, ROOT, CLI, EXAMPLES, GIT_ENV, gitIn, tempDir, writeMigrations, runCli, snapshot, SAFE, DROP_TABLE, DROP_COLUMNS, DROP_INDEX };
