// Reading migrations from disk (Node only). Errors are `InputError`s naming the path; the CLI
// turns them into exit code 2.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class InputError extends Error {
  constructor(message, path) {
    super(message);
    this.name = 'InputError';
    this.path = path;
  }
}

// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: keep a BOM in the text, as Prisma's
// checksum and the core's byte offsets count it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function reason(error) {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'not a folder';
    default:
      return error.message;
  }
}

/** Bytes as text, strictly UTF-8; `null` when they are not valid UTF-8. */
export function decodeUtf8(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A file's text, strictly UTF-8. `path` may be a file descriptor (0: standard input); `name` is
 * how messages call it.
 */
export function readText(path, name = path) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${name}: ${reason(error)}`, String(path));
  }
  const text = decodeUtf8(bytes);
  if (text === null) throw new InputError(`cannot read ${name}: not valid UTF-8 text`, String(path));
  return text;
}

/** A folder's entries, sorted by name, as `Dirent`s (no stat call per entry). */
function list(path) {
  try {
    return readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const what = error.code === 'ENOENT' ? 'migrations folder not found' : `cannot read ${path}`;
    throw new InputError(error.code === 'ENOENT' ? `${what}: ${path}` : `${what}: ${reason(error)}`, path);
  }
}

/** Whether a folder entry is a folder, following a symbolic link. */
function isFolder(entry, path) {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `dir` holds at least one migration folder (`<name>/migration.sql`, hidden ones skipped). */
export function holdsMigrations(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) => {
    const folder = join(dir, entry.name);
    return !entry.name.startsWith('.') && isFolder(entry, folder) && existsSync(join(folder, 'migration.sql'));
  });
}

/** How a path is shown in findings: as given, with `/` separators and no trailing slash. */
export function displayPath(path) {
  const shown = path.replaceAll('\\', '/').replace(/(.)\/+$/, '$1');
  return shown.startsWith('./') && shown.length > 2 ? shown.slice(2) : shown;
}

/**
 * A Prisma migrations folder (`<dir>/<name>/migration.sql`, `<dir>/migration_lock.toml`) as the
 * plain data the core checks (`MigrationsInput`). A folder without `migration.sql` gets
 * `sql: null` (the core reports it); hidden entries and loose files are skipped.
 */
export function readMigrationsDir(dir) {
  const migrations = [];
  for (const entry of list(dir)) {
    const { name } = entry;
    const folder = join(dir, name);
    if (name.startsWith('.') || !isFolder(entry, folder)) continue;
    const files = list(folder).map((file) => file.name);
    const sql = files.includes('migration.sql') ? readText(join(folder, 'migration.sql')) : null;
    migrations.push({ name, sql, files });
  }
  const lockPath = join(dir, 'migration_lock.toml');
  const lock = existsSync(lockPath) ? readText(lockPath) : null;
  return { dir: displayPath(dir), migrations, lock };
}
