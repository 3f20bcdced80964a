// The Node entry (ES module). The WASM module is compiled and instantiated synchronously at import
// time, so every function here is synchronous. js/index.cjs is this file bundled as CommonJS.

import { readFileSync, statSync } from 'node:fs';

import * as glue from '../pkg/migration_lint.js';
import { createApi } from './api.mjs';
import { InputError, readMigrationsDir } from './files.mjs';

glue.initSync({ module: readFileSync(new URL('../pkg/migration_lint_bg.wasm', import.meta.url)) });

const api = createApi(glue);

export const { checkSql, rules, formats, render, explain, failsAt } = api;
export { InputError, readMigrationsDir };

/**
 * Check a Prisma migrations folder: every `<dir>/<name>/migration.sql`. Throws an `InputError`
 * naming the path when the folder is missing or a file cannot be read as UTF-8.
 */
export function checkMigrations(dir, options) {
  if (typeof dir !== 'string') throw new TypeError('dir must be a string');
  if (options !== undefined && (options === null || typeof options !== 'object' || Object.keys(options).length > 0)) {
    throw new TypeError('checkMigrations takes no options yet');
  }
  let isDir;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`migrations folder not found: ${dir}`, dir);
  }
  if (!isDir) throw new InputError(`not a folder: ${dir}`, dir);
  return api.checkMigrationsInput(readMigrationsDir(dir));
}

/** Check a migrations folder already read into plain data (`MigrationsInput`). */
export const checkMigrationsInput = api.checkMigrationsInput;
