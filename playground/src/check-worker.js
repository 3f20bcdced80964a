// Runs the WASM core off the main thread, so typing stays smooth whatever the input's size.
// Protocol: the page posts { id, sql, name }; the worker answers { id, report, elapsedMs } or
// { id, error }. It first posts { type: 'ready', rules } or { type: 'failed', error }.

import * as core from 'migration-lint-core';

const initStarted = performance.now();
const ready = core.init().then(
  () => self.postMessage({ type: 'ready', rules: core.rules(), initMs: performance.now() - initStarted }),
  (error) => {
    self.postMessage({ type: 'failed', error: String(error && error.message ? error.message : error) });
    throw error;
  },
);

function fileOf(name) {
  return name ? `${name}/migration.sql` : 'migration.sql';
}

self.onmessage = async ({ data }) => {
  const { id, sql, name } = data;
  try {
    await ready;
  } catch {
    return;
  }
  try {
    const started = performance.now();
    const sqlFile = fileOf(name);
    const report = core.checkSql(sql, sqlFile);
    const elapsedMs = performance.now() - started;
    self.postMessage({ type: 'result', id, report, sqlFile, elapsedMs, namingChecked: false });
  } catch (error) {
    self.postMessage({ type: 'error', id, error: String(error && error.message ? error.message : error) });
  }
};
