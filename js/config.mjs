// Finding and reading the configuration (Node only): `migration-lint.config.json`, or the
// `"migrationLint"` key of package.json. Validation is the core's (`parseConfig`), so the CLI,
// the API and the playground refuse the same keys with the same messages.

import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { InputError, readText } from './files.mjs';

export const CONFIG_FILE = 'migration-lint.config.json';
export const PACKAGE_KEY = 'migrationLint';

/** A configuration that the core refused; the message names the file and the key. */
export class ConfigError extends InputError {}

/**
 * The configuration text in `file`: the whole file, or for a package.json its `"migrationLint"`
 * key (null when it has none). `where` is how messages name it.
 */
function textOf(file) {
  const text = readText(file);
  if (basename(file) !== 'package.json') return { file, where: file, text };
  let manifest;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: invalid JSON: ${error.message}`, file);
  }
  if (manifest === null || typeof manifest !== 'object' || !Object.hasOwn(manifest, PACKAGE_KEY)) return null;
  return { file, where: `${file} ("${PACKAGE_KEY}")`, text: JSON.stringify(manifest[PACKAGE_KEY]) };
}

/** The configuration found in `folder`: its config file, else its package.json's key; or null. */
function findIn(folder) {
  const file = join(folder, CONFIG_FILE);
  if (existsSync(file)) return textOf(file);
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return null;
  try {
    return textOf(manifest);
  } catch (error) {
    // A package.json that is not JSON is some other tool's problem unless it was asked for.
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** The nearest folder at or above `dir` that holds a package.json, or null. */
export function packageRoot(dir) {
  let at = resolve(dir);
  for (;;) {
    if (existsSync(join(at, 'package.json'))) return at;
    const up = dirname(at);
    if (up === at) return null;
    at = up;
  }
}

/**
 * Find the configuration: `explicit` (a path, given by --config) when set; otherwise in `cwd`,
 * then (through `lateDir()`, called only if needed) in the migrations folder's package root.
 * Returns `{ file, where, text }` or null.
 */
export function locateConfig({ explicit, cwd, lateDir }) {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new InputError(`config file not found: ${explicit}`, explicit);
    const found = textOf(explicit);
    if (found === null) throw new ConfigError(`${explicit} has no "${PACKAGE_KEY}" key`, explicit);
    return found;
  }
  const here = findIn(cwd);
  if (here !== null) return here;
  const dir = lateDir();
  const root = dir === null ? null : packageRoot(dir);
  if (root === null || root === resolve(cwd)) return null;
  return findIn(relative(resolve(cwd), root) || '.');
}

/** Validate `found` with the core's `parseConfig`; a refusal is a ConfigError naming the file. */
export function loadConfig(found, parseConfig) {
  try {
    return parseConfig(found.text);
  } catch (error) {
    throw new ConfigError(`${found.where}: ${error.message}`, found.file);
  }
}
