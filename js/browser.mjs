// The browser entry: the same core, loaded asynchronously. Call `init()` once (with the .wasm's URL,
// a Response, its bytes or a compiled WebAssembly.Module; by default the file next to the glue),
// or `initSync(bytesOrModule)` in a worker, then use the functions synchronously.
// The default URL is `new URL('migration_lint_bg.wasm', import.meta.url)` in the glue: Vite and
// webpack 5 emit the file from it, esbuild does not (it leaves import.meta.url alone, or empties it
// in an IIFE), so there the app passes the URL of '@skillancer/migration-lint/wasm' (README, Bundlers).

import initWasm, { initSync as initWasmSync } from '../pkg/migration_lint.js';
import * as glue from '../pkg/migration_lint.js';
import { createApi } from './api.mjs';

let ready = false;

export async function init(bytesOrUrl) {
  if (ready) return;
  try {
    await initWasm(bytesOrUrl === undefined ? undefined : { module_or_path: bytesOrUrl });
  } catch (error) {
    throw loadError(error, bytesOrUrl === undefined);
  }
  ready = true;
}

/** A failed load says what to do: with the default URL it is nearly always a bundler that did not emit the file. */
function loadError(error, defaultUrl) {
  const hint = defaultUrl
    ? "; if a bundler did not emit the .wasm (esbuild), import its URL from '@skillancer/migration-lint/wasm' and pass it to init(): see Bundlers in the README"
    : '';
  return new Error(`migration-lint: could not load the WebAssembly module (${error?.message ?? error})${hint}`, { cause: error });
}

export function initSync(bytesOrModule) {
  if (!ready) {
    initWasmSync({ module: bytesOrModule });
    ready = true;
  }
}

const api = createApi(glue);

function loaded(fn) {
  return (...args) => {
    if (!ready) throw new Error('migration-lint: call init() before using the checker');
    return fn(...args);
  };
}

export const checkSql = loaded(api.checkSql);
export const checkMigrationsInput = loaded(api.checkMigrationsInput);
export const checkDestructiveInput = loaded(api.checkDestructiveInput);
export const verifyOrder = loaded(api.verifyOrder);
export const validateName = loaded(api.validateName);
export const parseConfig = loaded(api.parseConfig);
export const replaySchema = loaded(api.replaySchema);
export const rules = loaded(api.rules);
export const formats = loaded(api.formats);
export const schemaFormats = loaded(api.schemaFormats);
export const thresholds = loaded(api.thresholds);
export const mergeReports = loaded(api.mergeReports);
export const render = loaded(api.render);
export const explain = loaded(api.explain);
export const suggest = loaded(api.suggest);
export const failsAt = loaded(api.failsAt);
export const verifyPlan = loaded(api.verifyPlan);
export const engineStatements = loaded(api.engineStatements);
export const verifyReport = loaded(api.verifyReport);
export const runVerified = loaded(api.runVerified);
