// What `npm publish` would ship: the .wasm, the glue, both entries, the CLI and the types.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./helpers.cjs');
const manifest = require('../../package.json');

const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
const files = packed[0].files.map((file) => file.path);

test('the package ships the WASM module, its glue and the type declarations', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'pkg/migration_lint_bg.wasm',
      'pkg/migration_lint.js',
      'pkg/migration_lint.d.ts',
      'js/index.mjs',
      'js/index.cjs',
      'js/index.d.ts',
      'js/types.d.ts',
      'js/browser.mjs',
      'js/browser.d.ts',
      'js/cli.js',
      'package.json',
      // The config's "$schema" points into the installed package (README, examples/pnpm-workspace).
      'config.schema.json',
    ]),
  );
  const wasm = packed[0].files.find((file) => file.path === 'pkg/migration_lint_bg.wasm');
  expect(wasm.size).toBe(fs.statSync(path.join(ROOT, 'pkg/migration_lint_bg.wasm')).size);
});

test('every file the manifest points at is shipped', () => {
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
  const walk = (value) => (typeof value === 'string' ? [value] : Object.values(value).flatMap(walk));
  targets.push(...walk(manifest.exports));
  for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ''));
});

test('nothing from the source tree or the tests is shipped, and pkg/ hides nothing from npm', () => {
  expect(files.filter((file) => /^(src|tests|target|scripts|examples|playground|node_modules)\//.test(file))).toEqual([]);
  expect(fs.existsSync(path.join(ROOT, 'pkg/.gitignore'))).toBe(false);
  expect(fs.existsSync(path.join(ROOT, 'pkg/.npmignore'))).toBe(false);
});

test('the CLI is executable through its shebang', () => {
  expect(fs.readFileSync(path.join(ROOT, manifest.bin['migration-lint']), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
});
