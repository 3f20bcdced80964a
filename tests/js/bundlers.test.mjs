// Bundlers, with the settings the README gives: the browser entry, installed as a package, bundled by
// esbuild and webpack 5, served over HTTP on 127.0.0.1 and run in Chromium, where checkSql must
// report its finding. And the failure (esbuild without the setting) must end in an error that
// names the fix, not in a page that waits for ever. esbuild, webpack and playwright-core are the
// playground's dev dependencies and Chromium is Debian's: both are installed here when missing (a
// failed install fails the tests, with its reason), as for the playground's own tests.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, CHROMIUM_ARGS, PLAYGROUND, REPO, ensureChromium, ensureNodeModules } from '../../playground/scripts/prepare.mjs';
import { serve } from '../../playground/scripts/server.mjs';
import helpers from './helpers.cjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bundlers');
const WASM_RULE = { test: /\.wasm$/, type: 'asset/resource' };
const NOT_EMITTED = /^migration-lint: could not load the WebAssembly module \(.+\); if a bundler did not emit the \.wasm \(esbuild\), import its URL from '@skillancer\/migration-lint\/wasm' and pass it to init\(\)/;

let project;
let server;
let browser;
let esbuild;
let webpack;

/** A project with the package installed as npm would (its manifest and its `files`) and the fixture apps in src/. */
function makeProject() {
  const root = helpers.tempDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const installed = path.join(root, 'node_modules', ...manifest.name.split('/'));
  for (const entry of ['package.json', ...manifest.files]) {
    fs.cpSync(path.join(REPO, entry), path.join(installed, entry), { recursive: true });
  }
  fs.cpSync(FIXTURES, path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  return root;
}

beforeAll(async () => {
  ensureNodeModules();
  ensureChromium();
  const fromPlayground = createRequire(path.join(PLAYGROUND, 'package.json'));
  esbuild = fromPlayground('esbuild');
  webpack = fromPlayground('webpack');
  const { chromium } = fromPlayground('playwright-core');
  project = makeProject();
  server = await serve(project);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Bundle src/`app` into `out`/app.js with esbuild's defaults plus `options`. */
async function withEsbuild(app, out, options = {}) {
  await esbuild.build({ entryPoints: { app: path.join(project, 'src', app) }, bundle: true, outdir: out, logLevel: 'silent', ...options });
}

/** Bundle src/`app` into `out`/app.js with webpack 5's defaults (production) plus `config`. */
function withWebpack(app, out, config = {}) {
  const options = { mode: 'production', context: project, entry: { app: path.join(project, 'src', app) }, output: { path: out }, ...config };
  return new Promise((resolve, reject) => {
    webpack(options, (error, stats) => {
      if (error) reject(error);
      else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
}

let built = 0;

/**
 * Bundle an app, give it a page, open that in Chromium and wait for what the app wrote: the rule ids
 * checkSql found, or init()'s error. Also what the browser fetched and any error the page logged.
 */
async function runInChromium(bundle, { module = false } = {}) {
  const dir = `dist-${++built}`;
  const out = path.join(project, dir);
  await bundle(out);
  const script = module ? '<script type="module" src="app.js"></script>' : '<script src="app.js"></script>';
  fs.writeFileSync(path.join(out, 'index.html'), `<!doctype html>\n<meta charset="utf-8">\n<title>app</title>\n<link rel="icon" href="data:,">\n<output id="out"></output>\n${script}\n`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    const wasm = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('response', (response) => response.url().endsWith('.wasm') && wasm.push(`${response.status()} ${response.url().slice(server.url.length)}`));
    await page.goto(`${server.url}${dir}/`);
    await page.waitForSelector('#out[data-rules], #out[data-error]', { state: 'attached', timeout: 10_000 });
    const { rules, error } = await page.$eval('#out', (node) => ({ ...node.dataset }));
    const emitted = fs.readdirSync(out).filter((file) => file.endsWith('.wasm'));
    return { rules, error, errors, wasm, emitted, dir };
  } finally {
    await context.close();
  }
}

describe('esbuild', () => {
  test("loader { '.wasm': 'file' } and init(wasmUrl) from the ./wasm export: runs in its default IIFE format", async () => {
    const run = await runInChromium((out) => withEsbuild('wasm-import.mjs', out, { loader: { '.wasm': 'file' } }));
    expect(run).toMatchObject({ rules: 'drop-table', error: undefined, errors: [] });
    expect(run.emitted).toEqual([expect.stringMatching(/^migration_lint_bg-\w+\.wasm$/)]);
    expect(run.wasm).toEqual([`200 ${run.dir}/${run.emitted[0]}`]);
  });

  test('the same recipe in ESM format', async () => {
    const run = await runInChromium((out) => withEsbuild('wasm-import.mjs', out, { loader: { '.wasm': 'file' }, format: 'esm' }), { module: true });
    expect(run).toMatchObject({ rules: 'drop-table', error: undefined, errors: [] });
    expect(run.wasm).toEqual([`200 ${run.dir}/${run.emitted[0]}`]);
  });

  test('without it (the issue): no .wasm emitted, and init() rejects with an error naming the fix', async () => {
    const esm = await runInChromium((out) => withEsbuild('default-url.mjs', out, { format: 'esm' }), { module: true });
    expect(esm.emitted).toEqual([]);
    expect(esm.wasm).toEqual([`404 ${esm.dir}/migration_lint_bg.wasm`]);
    expect(esm.rules).toBeUndefined();
    expect(esm.error).toMatch(NOT_EMITTED);
    expect(esm.error).toContain('failed to fetch Wasm: 404');
    // In an IIFE esbuild empties import.meta, so the default URL cannot even be built.
    const iife = await runInChromium((out) => withEsbuild('default-url.mjs', out));
    expect(iife).toMatchObject({ rules: undefined, wasm: [] });
    expect(iife.error).toMatch(NOT_EMITTED);
  });
});

describe('webpack 5', () => {
  test('unconfigured: it emits the .wasm from the glue\'s new URL(..., import.meta.url)', async () => {
    const run = await runInChromium((out) => withWebpack('default-url.mjs', out));
    expect(run).toMatchObject({ rules: 'drop-table', error: undefined, errors: [] });
    expect(run.emitted).toHaveLength(1);
    expect(run.wasm).toEqual([`200 ${run.dir}/${run.emitted[0]}`]);
  });

  test("the ./wasm export with the rule { test: /\\.wasm$/, type: 'asset/resource' }: one .wasm, the same file", async () => {
    const run = await runInChromium((out) => withWebpack('wasm-import.mjs', out, { module: { rules: [WASM_RULE] } }));
    expect(run).toMatchObject({ rules: 'drop-table', error: undefined, errors: [] });
    expect(run.emitted).toHaveLength(1);
    expect(run.wasm).toEqual([`200 ${run.dir}/${run.emitted[0]}`]);
  });

  test('without that rule webpack takes the .wasm for a WebAssembly ES module (asyncWebAssembly) and the build fails', async () => {
    await expect(withWebpack('wasm-import.mjs', path.join(project, 'dist-refused'))).rejects.toThrow(
      "export 'default' (imported as 'wasmUrl') was not found in '@skillancer/migration-lint/wasm'",
    );
  });
});
