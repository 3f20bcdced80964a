// The TypeScript declarations compile for ESM, CJS and browser users, and reject misuse (each
// `@ts-expect-error` in the fixtures must meet an error, or tsc fails); and the oldest TypeScript
// the README states compiles them: 5.0 (`export type *`) for `import`, 5.8 for `require()` of this
// ES-module-only package (5.7 refuses it, TS1471). Both are pinned devDependencies.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ROOT } = require('./helpers.cjs');

function tsc(pkg, project) {
  const bin = path.join(ROOT, 'node_modules', pkg, 'bin/tsc');
  const result = spawnSync(process.execPath, [bin, '-p', path.join(__dirname, 'types', project)], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

test('tsc accepts the usage fixtures against the published types', () => {
  expect(tsc('typescript', 'tsconfig.json')).toEqual({ status: 0, output: '' });
});

test('TypeScript 5.0 compiles the ES module fixtures, 5.8 all of them, the CommonJS one included', () => {
  expect(tsc('typescript-5.0', 'tsconfig.esm.json')).toEqual({ status: 0, output: '' });
  expect(tsc('typescript-5.8', 'tsconfig.json')).toEqual({ status: 0, output: '' });
});
