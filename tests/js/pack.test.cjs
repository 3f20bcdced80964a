// What `npm publish` would ship: the .wasm, its glue (once), the entry, the CLI and the types; and
// the package as installed from that tarball, loaded with require() and import() alike.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, tempDir } = require('./helpers.cjs');
const manifest = require('../../package.json');

// `npm pack --json` lists what it packs, as `--dry-run` does, and writes the tarball: the tests below
// read the files from the tarball itself, installed by hand into a project's node_modules.
const project = tempDir();
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: ROOT, encoding: 'utf8' }),
);
const files = packed[0].files.map((file) => file.path);
const installed = path.join(project, 'node_modules', manifest.name);
fs.mkdirSync(installed, { recursive: true });
execFileSync('tar', ['-xzf', path.join(project, packed[0].filename), '-C', installed, '--strip-components=1']);

test('the package ships the WASM module, its glue and the type declarations', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'pkg/migration_lint_bg.wasm',
      'pkg/migration_lint.js',
      'pkg/migration_lint.d.ts',
      'js/index.mjs',
      'js/api.mjs',
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

test('the tarball holds one copy of the wasm-bindgen glue: no CommonJS bundle of it', () => {
  expect(files.filter((file) => /\.(c|m)?js$/.test(file)).sort()).toEqual(
    ['js/api.mjs', 'js/browser.mjs', 'js/cli.js', 'js/config.mjs', 'js/files.mjs', 'js/git.mjs', 'js/index.mjs', 'js/startup.mjs', 'pkg/migration_lint.js'],
  );
  const mentions = (marker) => files.filter((file) => fs.readFileSync(path.join(installed, file), 'latin1').includes(marker));
  // The glue's own helpers (every export call goes through them), and wasm-bindgen's names at all.
  expect(mentions('function __wbg_get_imports(')).toEqual(['pkg/migration_lint.js']);
  expect(mentions('passArray8ToWasm0').sort()).toEqual(['pkg/migration_lint.js']);
  expect(mentions('__wbindgen').sort()).toEqual(
    ['pkg/migration_lint.d.ts', 'pkg/migration_lint.js', 'pkg/migration_lint_bg.wasm', 'pkg/migration_lint_bg.wasm.d.ts'],
  );
});

test('installed, require() and import() of the package give one module: the same functions, one WASM instance', () => {
  const script = `
    const required = require(${JSON.stringify(manifest.name)});
    import(${JSON.stringify(manifest.name)}).then((imported) => {
      const report = required.checkSql('DROP TABLE "a";');
      process.stdout.write(JSON.stringify({
        same: required.checkSql === imported.checkSql,
        from: require.resolve(${JSON.stringify(manifest.name)}),
        rule: imported.render(report, 'json') === required.render(report, 'json') && report.findings[0].rule,
      }));
    });
  `;
  const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: project, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ same: true, from: path.join(fs.realpathSync(installed), 'js/index.mjs'), rule: 'drop-table' });
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
