// `migration-lint init` (Node only): find the migrations folder and the default branch, and write
// `migration-lint.config.json` with the newest migration as the baseline, so that the first run on
// a long deployed history reports only what is new. Files, git and text here; the config is
// validated by the core (`parseConfig`) before it is written.

import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { CONFIG_FILE, PACKAGE_KEY, loadConfig, locateConfig } from './config.mjs';
import { displayPath, holdsMigrations, InputError, readMigrationsDir, readText } from './files.mjs';
import { defaultBranch, GitError } from './git.mjs';

const SCHEMA_PATH = 'node_modules/@skillancer/migration-lint/config.schema.json';
const WORKFLOW_PATH = 'node_modules/@skillancer/migration-lint/examples/github-actions/migration-lint.yml';
// Folders never searched for migrations.
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo', 'target']);
const SEARCH_DEPTH = 4;

/** Folders under `root` (at most SEARCH_DEPTH levels down) named `migrations` inside a `prisma` folder that hold migrations. */
function findMigrationFolders(root) {
  const found = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.name === 'prisma' && holdsMigrations(join(path, 'migrations'))) found.push(join(path, 'migrations'));
      else if (depth < SEARCH_DEPTH) walk(path, depth + 1);
    }
  };
  walk(root, 0);
  return found.sort();
}

/** The migrations folder for `init`: the argument, else `prisma/migrations` here, else the one found below. */
function migrationsFolder(cwd, positional) {
  if (positional !== undefined) return resolve(cwd, positional);
  const here = join(cwd, 'prisma/migrations');
  if (existsSync(here)) return here;
  const found = findMigrationFolders(cwd);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw new InputError(
      'no Prisma migrations folder found here or below (looked for prisma/migrations); pass the folder: migration-lint init path/to/prisma/migrations',
      cwd,
    );
  }
  const list = found.map((dir) => `  ${displayPath(relative(cwd, dir))}`).join('\n');
  throw new InputError(
    `several Prisma migrations folders found:\n${list}\nRun init in the package that owns one (each package gets its own config), or pass the folder: migration-lint init ${displayPath(relative(cwd, found[0]))}`,
    cwd,
  );
}

/** The `$schema` path from `dir`: the installed package's copy when one is found above, else the usual place. */
function schemaRef(dir) {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, SCHEMA_PATH))) {
      const path = displayPath(relative(dir, join(at, SCHEMA_PATH)));
      return path.startsWith('../') ? path : `./${path}`;
    }
    if (dirname(at) === at) return `./${SCHEMA_PATH}`;
  }
}

/** Write `text` to `file` through a temporary file and a rename: a failure leaves the old file whole. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${error.message}`, file);
  }
}

/** The package.json scripts that run migration-lint, or a suggestion when there are none. */
function scriptAdvice(cwd) {
  const manifest = join(cwd, 'package.json');
  let scripts = {};
  if (existsSync(manifest)) {
    try {
      scripts = JSON.parse(readText(manifest)).scripts ?? {};
    } catch {
      scripts = {};
    }
  }
  const ours = Object.entries(scripts).filter(([, command]) => typeof command === 'string' && command.includes('migration-lint'));
  if (ours.length > 0) return `package.json already runs it: ${ours.map(([name]) => name).join(', ')}`;
  return [
    'add the scripts to package.json:',
    '       "db:check-destructive": "migration-lint check-destructive",',
    '       "db:check-migrations": "migration-lint check"',
  ].join('\n');
}

/**
 * Run `init` in `cwd`. `options`: `positional` (the migrations folder), `base` (a ref; default: the
 * repository's default branch), `parseConfig` (the core's validator). Returns the text to print.
 */
export function init(cwd, { positional, base, parseConfig }) {
  // The configuration here, as every command finds it: the config file, else package.json's key.
  const found = locateConfig({ cwd, lateDir: () => null });
  if (found !== null && basename(found.file) === 'package.json') {
    return `The configuration is in package.json ("${PACKAGE_KEY}"): nothing changed. To start from the deployed history, add "baseline": "<newest migration folder>" there.\n`;
  }
  const dir = migrationsFolder(cwd, positional);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`migrations folder not found: ${displayPath(relative(cwd, dir) || '.')}`, dir);
  }
  if (!isDir) throw new InputError(`not a folder: ${displayPath(relative(cwd, dir))}`, dir);
  const migrations = readMigrationsDir(dir).migrations.filter((migration) => migration.sql !== null);
  const shownDir = displayPath(relative(cwd, dir) || '.');
  if (migrations.length === 0) {
    throw new InputError(`no migrations in ${shownDir}: expected folders like ${shownDir}/<timestamp>_<name>/migration.sql`, dir);
  }
  // The newest migration in Prisma's order (the names' byte order) among those that start with a
  // timestamp: a folder without one (`skillpod_b2b_enterprise`) sorts after every timestamp, so as
  // the baseline it would cover every migration created later.
  const names = migrations.map((migration) => migration.name).sort();
  const dated = names.filter((name) => /^\d/.test(name));
  const baseline = (dated.length > 0 ? dated : names).at(-1);
  let ref = base ?? null;
  if (ref === null) {
    try {
      ref = defaultBranch(cwd);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
    }
  }

  const file = join(cwd, CONFIG_FILE);
  // Validated by the core first: a bad existing config is an error, and nothing is written.
  if (found !== null) loadConfig(found, parseConfig);
  const wanted = { $schema: schemaRef(cwd), migrations: shownDir, ...(ref === null ? {} : { base: ref }), baseline };
  // An existing config keeps every key it has (a baseline in particular: moving it forward would
  // hide migrations that are not deployed yet); only missing keys are added.
  const config = found === null ? {} : JSON.parse(found.text);
  const added = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (!Object.hasOwn(config, key)) {
      config[key] = value;
      added.push(key);
    }
  }
  const deployed = migrations.filter((migration) => migration.name <= config.baseline).length;
  const lines = [];
  if (added.length === 0) {
    lines.push(`${CONFIG_FILE} is already set up: nothing changed.`);
  } else {
    const text = `${JSON.stringify(config, null, 2)}\n`;
    loadConfig({ file, where: CONFIG_FILE, text }, parseConfig);
    writeAtomically(file, text);
    lines.push(found === null ? `Wrote ${CONFIG_FILE}:` : `Added ${added.map((key) => `"${key}"`).join(', ')} to ${CONFIG_FILE}:`);
  }
  lines.push(`  migrations  ${config.migrations}`);
  lines.push(config.base === undefined ? '  base        none: no origin/HEAD, origin/main, origin/master, main or master here; add "base" (e.g. "origin/main") to compare branches' : `  base        ${config.base}`);
  lines.push(`  baseline    ${config.baseline}: the ${deployed === 1 ? 'migration' : `${deployed} migrations`} up to it are deployed history; their SQL and names are not checked again (order and history checks still cover them)`);
  const after = migrations.map((migration) => migration.name).filter((name) => name > config.baseline);
  if (after.length > 0) {
    const listed = after.length > 3 ? `${after.slice(0, 3).join(', ')}, ...` : after.join(', ');
    lines.push(`              ${after.length === 1 ? '1 folder sorts' : `${after.length} folders sort`} after it (${listed}) and ${after.length === 1 ? 'is' : 'are'} checked, unless the base branch has ${after.length === 1 ? 'it' : 'them'}`);
  }
  lines.push('');
  lines.push('Next steps:');
  lines.push(`  1. ${scriptAdvice(cwd)}`);
  lines.push(`  2. CI: copy ${WORKFLOW_PATH} to .github/workflows/ (it fails the pull request on unapproved findings)`);
  lines.push(`  3. commit ${CONFIG_FILE}; run \`migration-lint check\` (new migrations are checked, the history is not)`);
  return `${lines.join('\n')}\n`;
}
