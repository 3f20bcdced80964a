// The browser entry: the same core, loaded asynchronously. Call `init()` once (with the .wasm's URL,
// a Response, its bytes or a compiled WebAssembly.Module; by default the file next to the glue),
// or `initSync(bytesOrModule)` in a worker, then use the functions synchronously.

import initWasm, { initSync as initWasmSync } from '../pkg/migration_lint.js';
import * as glue from '../pkg/migration_lint.js';
import { createApi } from './api.mjs';

let ready = false;

export async function init(bytesOrUrl) {
  if (!ready) {
    await initWasm(bytesOrUrl === undefined ? undefined : { module_or_path: bytesOrUrl });
    ready = true;
  }
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
export const failsAt = loaded(api.failsAt);
export const verifyPlan = loaded(api.verifyPlan);
export const engineStatements = loaded(api.engineStatements);
export const verifyReport = loaded(api.verifyReport);
export const runVerified = loaded(api.runVerified);
