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
      'js/wasm.d.ts',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ]),
  );
  for (const field of ['repository', 'homepage', 'bugs', 'license']) expect(manifest[field]).toBeTruthy();
  const wasm = packed[0].files.find((file) => file.path === 'pkg/migration_lint_bg.wasm');
  expect(wasm.size).toBe(fs.statSync(path.join(ROOT, 'pkg/migration_lint_bg.wasm')).size);
});

test('the tarball holds one copy of the wasm-bindgen glue: no CommonJS bundle of it', () => {
  expect(files.filter((file) => /\.(c|m)?js$/.test(file)).sort()).toEqual(
    ['js/api.mjs', 'js/browser.mjs', 'js/cli.js', 'js/config.mjs', 'js/database.mjs', 'js/engine.mjs', 'js/files.mjs', 'js/git.mjs', 'js/index.mjs', 'js/init.mjs', 'js/lock.mjs', 'js/startup.mjs', 'pkg/migration_lint.js'],
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
  // The GitHub workflow is the one example shipped: `migration-lint init` points at it.
  expect(files.filter((file) => /^(src|tests|target|scripts|examples|playground|node_modules)\//.test(file))).toEqual([
    'examples/github-actions/migration-lint.yml',
  ]);
  expect(fs.existsSync(path.join(ROOT, 'pkg/.gitignore'))).toBe(false);
  expect(fs.existsSync(path.join(ROOT, 'pkg/.npmignore'))).toBe(false);
});

test('the CLI is executable through its shebang', () => {
  expect(fs.readFileSync(path.join(ROOT, manifest.bin['migration-lint']), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
});

test('PGlite is an optional dependency, pinned; without it verify says how to install it and exits 2', () => {
  expect(manifest.dependencies ?? {}).toEqual({});
  expect(manifest.optionalDependencies).toEqual({ '@electric-sql/pglite': '0.5.14', '@electric-sql/pglite-pgvector': '0.0.15', pg: '8.23.1' });
  // The tarball installed by hand has no node_modules of its own: PGlite cannot be found.
  const migrations = path.join(project, 'prisma/migrations/20240101000000_init');
  fs.mkdirSync(migrations, { recursive: true });
  fs.writeFileSync(path.join(migrations, 'migration.sql'), 'CREATE TABLE "A" ("id" TEXT);\n');
  const cli = path.join(installed, 'js/cli.js');
  const verify = spawnSync(process.execPath, [cli, 'verify'], { cwd: project, encoding: 'utf8' });
  expect(verify.status).toBe(2);
  expect(verify.stderr).toBe(
    'migration-lint: verify needs PGlite, PostgreSQL compiled to WebAssembly (an optional dependency that is not installed): npm install --save-dev @electric-sql/pglite@0.5.14 @electric-sql/pglite-pgvector@0.0.15\n',
  );
  // The other commands need nothing.
  expect(spawnSync(process.execPath, [cli, 'check-destructive'], { cwd: project, encoding: 'utf8' }).status).toBe(0);
});
