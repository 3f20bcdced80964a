// A panic in the core reaches JS as an Error carrying its message, and the module works afterwards.
// The panicking export exists only in the test-only module that scripts/build-test-module.sh builds
// into target/test-pkg (scripts/test.sh runs it before Jest); pkg/ has no such export.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { boundary, createApi } from '../../js/api.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_PKG = path.join(ROOT, 'target/test-pkg');
const utf8 = new TextEncoder();
const json = (value) => utf8.encode(JSON.stringify(value));

if (!fs.existsSync(path.join(TEST_PKG, 'migration_lint.js'))) {
  throw new Error('target/test-pkg is missing: run `bash scripts/build-test-module.sh` (scripts/test.sh does)');
}
const glue = await import(path.join(TEST_PKG, 'migration_lint.js'));
glue.initSync({ module: fs.readFileSync(path.join(TEST_PKG, 'migration_lint_bg.wasm')) });
const call = boundary(glue);
const api = createApi(glue);

test('the test-only export exists in the test module and not in pkg/', async () => {
  expect(typeof glue.panicForTest).toBe('function');
  const shipped = await import('../../pkg/migration_lint.js');
  expect(shipped.panicForTest).toBeUndefined();
  expect(typeof shipped.takePanic).toBe('function');
  expect(typeof shipped.__wbg_reset_state).toBe('function');
});

test('a panic throws an Error naming the export, the message and where it panicked', () => {
  let error;
  try {
    call('panicForTest', json('the core broke'));
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(WebAssembly.RuntimeError);
  expect(error.message).toMatch(/^migration-lint: internal error in panicForTest: panicked at src\/wasm\.rs:\d+:\d+:\nthe core broke \(please report it\)$/);
  expect(error.cause).toBeInstanceOf(WebAssembly.RuntimeError);
  // The message is taken once: nothing is left over for the next error.
  expect(call('takePanic')).toBeNull();
});

test('the module works after a panic, and after more panics than a trapped instance survives', () => {
  // Without the reset, a trapped instance never gets its stack back: measured on this module,
  // checkSql itself trapped ("memory access out of bounds") after 2,353 panics.
  for (let i = 0; i < 3000; i++) {
    expect(() => call('panicForTest', json(`panic ${i}`))).toThrow(`\npanic ${i} (please report it)`);
  }
  const report = api.checkSql('ALTER TABLE "User" DROP COLUMN "email";', { file: 'm.sql' });
  expect(report.findings.map((finding) => finding.rule)).toEqual(['drop-column']);
});

test('an error the core returns is thrown as it is, without a reset', () => {
  expect(() => api.explain('drop-everything')).toThrow(/^unknown rule `drop-everything`$/);
  expect(() => call('panicForTest', utf8.encode('not json'))).toThrow(/^invalid message: expected ident/);
  expect(api.rules().length).toBeGreaterThan(40);
});
