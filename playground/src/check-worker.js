// Runs the WASM core off the main thread, so typing stays smooth whatever the input's size.
// Protocol: the page posts { id, sql, name }; the worker answers
// { type: 'result', id, report, sqlFile, namingChecked, elapsedMs } or { type: 'error', id, error }.
// It first posts { type: 'ready', rules, initMs } or { type: 'failed', error }.

import * as core from 'migration-lint-core';

const initStarted = performance.now();
const ready = core.init().then(
  () => self.postMessage({ type: 'ready', rules: core.rules(), initMs: performance.now() - initStarted }),
  (error) => {
    self.postMessage({ type: 'failed', error: String(error && error.message ? error.message : error) });
    throw error;
  },
);

/** Counts of a report, recounted after adding the folder-name findings. */
function addFindings(report, findings) {
  const summary = { ...report.summary };
  for (const finding of findings) {
    if (finding.approved) summary.approved += 1;
    else summary[finding.severity] += 1;
  }
  return { findings: [...findings, ...report.findings], summary };
}

/**
 * The SQL's findings, and with a folder name the name's findings too (`file` is the name, offsets
 * point into it). `sqlFile` is how findings about the SQL name it.
 */
function check(sql, name) {
  if (!name) return { report: core.checkSql(sql, { file: 'migration.sql' }), sqlFile: 'migration.sql', namingChecked: false };
  const sqlFile = `${name}/migration.sql`;
  const report = core.checkSql(sql, { file: sqlFile });
  if (typeof core.validateName !== 'function') return { report, sqlFile, namingChecked: false };
  const naming = core.validateName(name, { sql, now: Math.floor(Date.now() / 1000) });
  return { report: addFindings(report, naming.findings), sqlFile, namingChecked: true };
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
    const result = check(sql, name);
    const elapsedMs = performance.now() - started;
    self.postMessage({ type: 'result', id, ...result, elapsedMs });
  } catch (error) {
    self.postMessage({ type: 'error', id, error: String(error && error.message ? error.message : error) });
  }
};
