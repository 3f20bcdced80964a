#!/usr/bin/env node
// migration-lint's command line. Only argv, files, git and output here: checking and rendering
// happen in the WASM core. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input
// error (a bad config, a bad --base among them).

import './startup.mjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  checkDestructiveInput,
  checkMigrationsInput,
  checkSql,
  explain,
  suggest,
  failsAt,
  formats,
  schemaFormats,
  thresholds,
  mergeReports,
  parseConfig,
  replaySchema,
  runFolders,
  render,
  rules,
  runVerified,
  verifyMigrationsInput,
  verifyPlan,
  engineStatements,
  EngineMissingError,
  migrationStatusInput,
  readDeployed,
  migrationLockHolder,
  PRISMA_MIGRATE_LOCK,
} from './index.mjs';
import { connectionOptions } from './database.mjs';
import { verifyFolder } from './engine.mjs';
import { init } from './init.mjs';
import { CONFIG_FILE, PACKAGE_KEY, loadConfig, locateConfig } from './config.mjs';
import { displayPath, holdsMigrations, InputError, readMigrationsDir, readText } from './files.mjs';
import { GitError, readGitBase, repoPath } from './git.mjs';

const DEFAULT_DIRS = ['prisma/migrations', 'packages/database/prisma/migrations'];
const COMMANDS = ['check', 'check-destructive', 'verify', 'schema', 'status', 'lock', 'init'];
// How findings name SQL read from standard input (`-`).
const STDIN_FILE = '<stdin>';
// Formats read on GitHub name files from the repository root, wherever the check ran (a
// workspace package's folder, say): GitHub places annotations and code-scanning results by such
// paths, and a pull-request comment is read beside the pull request's file list. text and json
// name files as they were typed.
const REPO_ROOT_FORMATS = ['github', 'sarif', 'markdown'];

const USAGE = `Usage: migration-lint check [DIR|FILE|-]... [options]
       migration-lint check-destructive [DIR|FILE|-]... [options]
       migration-lint verify [DIR]... [options]
       migration-lint schema [DIR] [--format text|json]
       migration-lint status [DIR]... [--database-url URL] [options]
       migration-lint lock status [--database-url URL] [--format text|json]
       migration-lint init [DIR] [--base REF]
       migration-lint --explain [RULE]

Checks Prisma Migrate migrations (DIR/<name>/migration.sql).
  check              every check: destructive and unsafe SQL, folder names, order, and with a
                     base branch the history (edited, deleted or out-of-order migrations)
  check-destructive  the SQL checks only: destructive and unsafe changes
  verify             apply the migrations to a fresh embedded PostgreSQL (PGlite, an optional
                     dependency) as \`prisma migrate deploy\` does, and report each one PostgreSQL
                     refuses (migration-fails), going on past failures
  schema             print the schema the migrations build, replayed as PostgreSQL runs them
                     (no database): tables, columns, enums, indexes, constraints, and the
                     statements PostgreSQL would refuse
  status             compare the folder with the deployed database's _prisma_migrations (read
                     in a read-only transaction, with node-postgres, an optional dependency):
                     pending, failed, edited after apply, missing locally, out of order
  lock status        who holds Prisma Migrate's advisory lock (${PRISMA_MIGRATE_LOCK}) on the
                     database, if anyone (withMigrationLock in the API takes the same lock)
  init               write ${CONFIG_FILE} here: the migrations folder, the default branch as
                     "base", and the newest migration as "baseline", so the deployed history is
                     not checked again; prints the next steps. Changes nothing when already set up

DIR defaults to the config's "migrations", else ${DEFAULT_DIRS[0]}, or ${DEFAULT_DIRS[1]}
from a workspace root. A FILE argument checks that one .sql file, a single migration's folder
its migration.sql, and - the SQL read from standard input (named ${STDIN_FILE}).

Options:
  --base REF         compare with the git branch REF (e.g. origin/main), from the merge-base of
                     HEAD and REF; SQL and names are then checked only for migrations new on this
                     branch. Default: origin/$GITHUB_BASE_REF in a GitHub Actions pull request,
                     else the config's "base"; a defaulted base that is missing is skipped with a note
  --all              with a base, check every migration's SQL and name, not only the new ones
  --verify           with check or check-destructive: run verify too, in one report
  --database-url URL the deployed database, for status, or for check and check-destructive to
                     add its status to the report (default for status: the variable the config's
                     "databaseUrlEnv" names, else DATABASE_URL); its password is never printed
  --schema           with verify: print the catalog PostgreSQL holds after the history as JSON, in
                     the shape \`schema --format json\` prints the model's
  --config FILE      the configuration (default: ${CONFIG_FILE}, or "${PACKAGE_KEY}" in
                     package.json, in this folder or the migrations folder's package root)
  --format FORMAT    output format: ${formats().join(', ')} (default: text;
                     compact is one path:line:column: line per finding)
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL: ${thresholds().join(', ')}
                     (default: the config's "failOn", else high)
  --explain [RULE]   print what RULE checks, why, and what to do instead; alone, list every rule
  --color            colour the text output even when not on a terminal
  --no-color         never colour (NO_COLOR is respected too)
  -h, --help         print this help
  -v, --version      print the version

Exit codes: 0 no findings at or above --fail-on, 1 some, 2 usage, input, config or git error.
A \`--\` is ignored (pnpm passes the one of \`pnpm db:check -- --base main\` on to the script).
`;

class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  explain: { type: 'string' },
  base: { type: 'string' },
  all: { type: 'boolean' },
  verify: { type: 'boolean' },
  schema: { type: 'boolean' },
  'database-url': { type: 'string' },
  config: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/** "; did you mean x?" for the candidate closest to `word`, or nothing. */
function didYouMean(word, candidates) {
  const near = suggest(word, candidates);
  return near === null ? '' : `; did you mean ${near}?`;
}

/**
 * The arguments as parseArgs should see them. A lone `--` is dropped: pnpm passes the `--` of
 * `pnpm db:check -- --base main` on to the script, where it would make the options paths (npm
 * drops it itself). `--explain` with no rule after it lists the rules.
 */
function normalized(argv) {
  const args = argv.filter((arg) => arg !== '--');
  return args.map((arg, i) => (arg === '--explain' && (i + 1 === args.length || args[i + 1].startsWith('-')) ? '--explain=' : arg));
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: normalized(argv), allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const option = /'(-[^']*)'/.exec(error.message)?.[1];
    switch (error.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
        const flag = option?.replace(/=.*$/, '') ?? '';
        const names = Object.keys(OPTIONS).map((name) => `--${name}`);
        throw new UsageError(`unknown option ${flag}${flag.startsWith('--') ? didYouMean(flag, names) : ''}`.trim());
      }
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(option ? `option ${option.split(/[ ,]/)[0]} needs a value` : error.message);
      default:
        throw new UsageError(error.message);
    }
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!formats().includes(format)) {
    throw new UsageError(`unknown --format ${format}: expected one of ${formats().join(', ')}${didYouMean(format, formats())}`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !thresholds().includes(failOn)) {
    throw new UsageError(`unknown --fail-on ${failOn}: expected one of ${thresholds().join(', ')}${didYouMean(failOn, thresholds())}`);
  }
  for (const option of ['base', 'config', 'database-url']) {
    if (values[option] === '') throw new UsageError(`option --${option} needs a value`);
  }
  return { values, positionals, format };
}

function useColor(values, format) {
  if (format !== 'text' || values['no-color']) return false;
  if (values.color) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
}

function version() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return `migration-lint ${manifest.version}\n`;
}

/** `--explain RULE`: the rule as text or JSON; `--explain` alone: every rule. */
function explainRule(id, format, color) {
  if (id === '') return format === 'json' ? `${JSON.stringify(rules(), null, 2)}\n` : explain(undefined, { color });
  const meta = rules().find((rule) => rule.id === id);
  if (!meta) {
    const ids = rules().map((rule) => rule.id);
    throw new UsageError(`unknown rule ${id}${didYouMean(id, ids)} (\`migration-lint --explain\` lists every rule)`);
  }
  return format === 'json' ? `${JSON.stringify(meta, null, 2)}\n` : explain(id, { color });
}

function defaultDir() {
  return DEFAULT_DIRS.find((dir) => existsSync(dir)) ?? null;
}

/** The configuration (or null) and the folder its paths are relative to. */
function configuration(values, positional) {
  const found = locateConfig({
    explicit: values.config,
    cwd: '.',
    lateDir: () => positional ?? defaultDir(),
  });
  if (found === null) return { config: null, root: '.' };
  return { config: loadConfig(found, parseConfig), root: dirname(found.file) };
}

/** The folder or file to check: the argument, else the config's `migrations`, else a default. */
function target(positional, config, root) {
  if (positional !== undefined) return positional;
  if (config?.migrations) {
    const configured = join(root, config.migrations);
    const shown = relative('.', configured);
    return shown === '' ? '.' : shown.startsWith('..') ? resolve(configured) : shown;
  }
  const found = defaultDir();
  if (found === null) {
    throw new InputError(
      `no migrations folder: neither ${DEFAULT_DIRS.join(' nor ')} exists here; pass the folder as an argument`,
      DEFAULT_DIRS[0],
    );
  }
  return found;
}

/** The base to compare with and where it came from (null for --base), or null for none. */
function baseRef(values, config) {
  if (values.base !== undefined) return { ref: values.base, from: null };
  const pullRequestBase = process.env.GITHUB_BASE_REF;
  if (pullRequestBase) return { ref: `origin/${pullRequestBase}`, from: 'GITHUB_BASE_REF' };
  if (config?.base) return { ref: config.base, from: 'the config\'s "base"' };
  return null;
}

/**
 * The base branch's migrations, or null. A base that was only defaulted may be missing (a
 * checkout without the base branch, an export without .git): a note, and the checks that need
 * no base. Any other git problem is an error.
 */
function readBase(dir, base, notes) {
  if (base === null) return { base: null };
  try {
    return { base: readGitBase(dir, base.ref) };
  } catch (error) {
    const missing = error instanceof GitError && ['bad-ref', 'not-a-repo', 'no-commits'].includes(error.reason);
    if (base.from === null || !missing) throw error;
    const hint = base.from === 'GITHUB_BASE_REF' && error.reason === 'bad-ref' ? ' (actions/checkout fetches only the pull request unless `fetch-depth: 0` is set)' : '';
    notes.push(`note: base ${base.ref} from ${base.from} is not available${hint}: ${error.message}\n  Running the checks that need no base.`);
    return { base: null, skippedBase: `${base.ref} from ${base.from} is not available` };
  }
}

/** The migrations folder at `path` as plain data; an InputError when it holds no migration. */
function migrationsIn(path) {
  const input = readMigrationsDir(path);
  if (input.migrations.length === 0) {
    throw new InputError(`no migrations in ${path}: expected folders like ${input.dir}/<timestamp>_<name>/migration.sql`, path);
  }
  return input;
}

/** `path`'s stats; an InputError when there is nothing there. */
function statOf(path) {
  try {
    return statSync(path);
  } catch {
    throw new InputError(`no such file or folder: ${path}`, path);
  }
}

/**
 * A folder given one level too high (`prisma` or the package, for `prisma/migrations`): an
 * InputError naming the folder that was meant. Null when `path` holds migrations itself or
 * nothing like them.
 */
function meantFolder(path, command) {
  if (holdsMigrations(path)) return null;
  for (const below of ['migrations', 'prisma/migrations']) {
    const candidate = join(path, below);
    if (holdsMigrations(candidate)) {
      const shown = displayPath(candidate);
      return new InputError(`${displayPath(path)} is not a migrations folder; did you mean ${shown}? (migration-lint ${command} ${shown})`, path);
    }
  }
  return null;
}

/**
 * Read the folder or file at `path`: a file's report, or a folder as plain data for the core.
 * Every problem reading it is an InputError.
 */
function read(command, path, options, notes) {
  const loose = (sql, file) => {
    if (options.verify) throw new UsageError(`verify applies a migrations folder, not a file: ${path}`);
    if (options.base !== null && options.base.from === null) throw new UsageError('--base needs a migrations folder, not a file');
    return { report: checkSql(sql, { file }) };
  };
  if (path === '-') return loose(readText(0, 'standard input'), STDIN_FILE);
  const stats = statOf(path);
  const shown = (at = path) => (options.fromRepoRoot ? repoPath(at) ?? displayPath(at) : displayPath(at));
  if (stats.isFile()) {
    if (!path.endsWith('.sql')) throw new InputError(`not a .sql file or a migrations folder: ${path}`, path);
    return loose(readText(path), shown());
  }
  // One migration's folder: its SQL (names and order need the whole migrations folder).
  const script = join(path, 'migration.sql');
  if (existsSync(script) && statSync(script).isFile()) {
    const parent = displayPath(join(path, '..'));
    notes.push(`note: ${displayPath(path)} is one migration: its SQL is checked; names and order need the migrations folder (${parent})`);
    return loose(readText(script), shown(script));
  }
  const meant = meantFolder(path, command);
  if (meant !== null) throw meant;
  const input = migrationsIn(path);
  if (command === 'check-destructive' || options.verify) {
    const missing = input.migrations.find((migration) => migration.sql === null);
    if (missing) {
      throw new InputError(`${input.dir}/${missing.name} has no migration.sql`, `${input.dir}/${missing.name}`);
    }
  }
  const { base, skippedBase } = readBase(path, options.base, notes);
  return {
    folder: {
      ...input,
      dir: shown(),
      base,
      now: Math.floor(Date.now() / 1000),
      all: Boolean(options.all),
      config: options.config,
      ...(skippedBase === undefined ? {} : { skippedBase }),
    },
  };
}

async function run(argv, notes) {
  const { values, positionals, format } = parse(argv);
  const color = useColor(values, format);
  if (values.help) return { out: USAGE, code: 0 };
  if (values.version) return { out: version(), code: 0 };
  if (values.explain !== undefined) return { out: explainRule(values.explain, format, color), code: 0 };

  // A database URL given where a folder goes would be echoed back, password and all, as a missing path.
  if (positionals.some((arg) => /^postgres(ql)?:\/\//i.test(arg))) {
    throw new UsageError('a database URL goes after --database-url (or in DATABASE_URL), not among the folders');
  }
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`unknown command ${command}: expected one of ${COMMANDS.join(', ')}${didYouMean(command, COMMANDS)}`);
  }
  if (values['database-url'] !== undefined && !['check', 'check-destructive', 'status', 'lock'].includes(command)) {
    throw new UsageError(`--database-url is for status, lock status, check and check-destructive`);
  }
  if (values['database-url'] !== undefined && values.verify && command !== 'status') {
    throw new UsageError('--database-url and --verify each make their own report: run check --verify and status apart');
  }
  if (values['database-url'] !== undefined && paths.length > 1 && command !== 'lock') {
    throw new UsageError('--database-url names one database: with several folders, give each its config\'s "databaseUrlEnv" and run status');
  }
  if (command === 'schema') return schemaOf(values, paths, format);
  if (command === 'status') return statusOf(values, paths, format, color);
  if (command === 'lock') return lockOf(values, paths, format);
  if (command === 'init') return initHere(values, paths);
  if (paths.filter((path) => path === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  if (values.verify && command === 'verify') throw new UsageError('--verify is for check and check-destructive; verify alone already verifies');
  if (values.schema && command !== 'verify') throw new UsageError('--schema is an option of verify');
  const verify = command === 'verify' || Boolean(values.verify);

  // Several folders (a monorepo's packages) are checked in one process, each with its own config.
  const targets = (paths.length > 0 ? paths : [undefined]).map((positional) => {
    const { config, root } = configuration(values, positional);
    return {
      config,
      ...read(
        command,
        target(positional, config, root),
        { base: baseRef(values, config), all: values.all, config, verify, fromRepoRoot: REPO_ROOT_FORMATS.includes(format) },
        notes,
      ),
    };
  });
  const failOn = values['fail-on'] ?? targets[0].config?.failOn ?? 'high';
  if (verify) return verified(command, targets, { values, format, failOn, color });
  if (values['database-url'] !== undefined) {
    // The folders' checks and their deployed database's status, in one report.
    if (!targets.every((t) => t.folder)) throw new UsageError('--database-url needs a migrations folder, not a file');
    // One folder (several are refused above with --database-url).
    const [{ folder }] = targets;
    const check = command === 'check' ? checkMigrationsInput : checkDestructiveInput;
    const report = mergeReports([check(folder), await deployedStatus(folder, values['database-url'])]);
    return { out: render(report, format, { color, failOn }), code: failsAt(report, failOn) ? 1 : 0 };
  }
  if (targets.every((t) => t.folder)) {
    // Folders only (the usual case): checked, merged and rendered in one call to the core.
    const { output, fails } = runFolders({ folders: targets.map((t) => t.folder), command, format, failOn, color });
    return { out: output, code: fails ? 1 : 0 };
  }
  const check = command === 'check' ? checkMigrationsInput : checkDestructiveInput;
  const reports = targets.map((t) => t.report ?? check(t.folder));
  const report = reports.length === 1 ? reports[0] : mergeReports(reports);
  return { out: render(report, format, { color, failOn }), code: failsAt(report, failOn) ? 1 : 0 };
}

/** `init [DIR]`: write the config in the current folder. */
function initHere(values, paths) {
  if (paths.length > 1) throw new UsageError('init takes one migrations folder');
  for (const option of ['fail-on', 'all', 'verify', 'schema', 'config', 'format']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} does not apply to init`);
  }
  return { out: init(process.cwd(), { positional: paths[0], base: values.base, parseConfig }), code: 0 };
}

const engineCore = { verifyPlan, engineStatements };

/** `verify`, `check --verify`: each folder applied to its own fresh engine, then one report. */
async function verified(command, targets, { values, format, failOn, color }) {
  if (values.schema) {
    if (targets.length > 1) throw new UsageError('verify --schema takes one migrations folder');
    if (values.format !== undefined && format !== 'json') throw new UsageError('verify --schema prints JSON: leave out --format or pass --format json');
    const { schema } = await verifyMigrationsInput(targets[0].folder, { schema: true });
    return { out: `${JSON.stringify(schema, null, 2)}\n`, code: 0 };
  }
  const folders = [];
  for (const { folder } of targets) folders.push((await verifyFolder(folder, engineCore)).input);
  const { output, fails } = runVerified({ folders, command, format, failOn, color });
  return { out: output, code: fails ? 1 : 0 };
}

/** The status report of a folder read into plain data, against the database at `url`. */
async function deployedStatus(folder, url) {
  return migrationStatusInput({ folder, deployed: await readDeployed(url) });
}

/** The deployed database's URL for a folder: --database-url, else the config's variable, else DATABASE_URL. */
function databaseUrl(values, config) {
  if (values['database-url'] !== undefined) return values['database-url'];
  const variable = config?.databaseUrlEnv ?? 'DATABASE_URL';
  const url = process.env[variable];
  if (!url) {
    const named = config?.databaseUrlEnv ? ` (the config's "databaseUrlEnv")` : '';
    throw new UsageError(`no database URL for status: pass --database-url or set ${variable}${named}`);
  }
  return url;
}

/**
 * `status [DIR]...`: each folder against its deployed database's `_prisma_migrations`, one report.
 * Several folders (a monorepo's packages) each use the URL their own config names.
 */
async function statusOf(values, paths, format, color) {
  for (const option of ['base', 'all', 'verify', 'schema']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} does not apply to status`);
  }
  if (paths.includes('-')) throw new UsageError('status reads a migrations folder, not standard input');
  const targets = (paths.length > 0 ? paths : [undefined]).map((positional) => {
    const { config, root } = configuration(values, positional);
    const dir = target(positional, config, root);
    if (!statOf(dir).isDirectory()) throw new UsageError(`status reads a migrations folder, not a file: ${dir}`);
    const meant = meantFolder(dir, 'status');
    if (meant !== null) throw meant;
    return { config, url: databaseUrl(values, config), folder: { ...migrationsIn(dir), dir: displayPath(dir), config } };
  });
  const reports = [];
  for (const { folder, url } of targets) reports.push(await deployedStatus(folder, url));
  const report = reports.length === 1 ? reports[0] : mergeReports(reports);
  const failOn = values['fail-on'] ?? targets[0].config?.failOn ?? 'high';
  return { out: render(report, format, { color, failOn }), code: failsAt(report, failOn) ? 1 : 0 };
}

/** `lock status`: who holds Prisma Migrate's advisory lock on the database, if anyone. */
async function lockOf(values, paths, format) {
  const [sub, ...rest] = paths;
  if (sub !== 'status') throw new UsageError(`lock takes one subcommand: status${sub === undefined ? '' : ` (not ${sub})`}`);
  if (rest.length > 0) throw new UsageError('lock status takes no folder: pass --database-url, or set DATABASE_URL');
  if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format} for lock status: expected text or json`);
  for (const option of ['base', 'all', 'verify', 'schema', 'fail-on']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} does not apply to lock status`);
  }
  const { config } = configuration(values, undefined);
  const url = databaseUrl(values, config);
  const { label } = connectionOptions(url);
  const holder = await migrationLockHolder(url);
  if (format === 'json') return { out: `${JSON.stringify({ database: label, key: PRISMA_MIGRATE_LOCK, holder }, null, 2)}\n`, code: 0 };
  if (holder === null) return { out: `the migration lock (${PRISMA_MIGRATE_LOCK}) on ${label} is not held\n`, code: 0 };
  const query = holder.query ? `\n  last query: ${holder.query.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  return {
    out: `the migration lock (${PRISMA_MIGRATE_LOCK}) on ${label} is held by pid ${holder.pid} (${holder.applicationName || 'no application name'}), user ${holder.user}, since ${holder.since}, ${holder.state}${query}\n`,
    code: 0,
  };
}

/** `schema [DIR]`: the catalog the folder's migrations build, as text or JSON. */
function schemaOf(values, paths, format) {
  if (!schemaFormats().includes(format)) {
    throw new UsageError(`unknown --format ${format} for schema: expected one of ${schemaFormats().join(', ')}`);
  }
  if (paths.length > 1) throw new UsageError('schema takes one migrations folder');
  for (const option of ['base', 'fail-on', 'all', 'verify', 'schema']) {
    if (values[option] !== undefined) throw new UsageError(`--${option} does not apply to schema`);
  }
  const { config, root } = configuration(values, paths[0]);
  const dir = target(paths[0], config, root);
  if (!statOf(dir).isDirectory()) throw new InputError(`not a migrations folder: ${dir}`, dir);
  const meant = meantFolder(dir, 'schema');
  if (meant !== null) throw meant;
  const out = replaySchema(migrationsIn(dir), { format });
  return { out: format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : out, code: 0 };
}

async function main() {
  const notes = [];
  let result;
  try {
    result = await run(process.argv.slice(2), notes);
  } catch (error) {
    for (const note of notes) process.stderr.write(`migration-lint: ${note}\n`);
    if (error instanceof UsageError) {
      process.stderr.write(`migration-lint: ${error.message}\nRun migration-lint --help for usage.\n`);
    } else if (error instanceof InputError || error instanceof EngineMissingError) {
      process.stderr.write(`migration-lint: ${error.message}\n`);
    } else {
      process.stderr.write(`migration-lint: internal error: ${error?.stack ?? error}\n`);
    }
    process.exitCode = 2;
    return;
  }
  for (const note of notes) process.stderr.write(`migration-lint: ${note}\n`);
  // exitCode rather than exit(): a large report written to a pipe is flushed before Node exits.
  process.stdout.write(result.out);
  process.exitCode = result.code;
}

await main();
