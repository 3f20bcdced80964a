// Idempotent setup for the playground: its own node_modules, a built page that is not older than
// its sources, and (for the tests) Debian's Chromium. Each step does nothing when already done.
// Run directly (`node playground/scripts/prepare.mjs`) it does all three, for setup scripts.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PLAYGROUND = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO = dirname(PLAYGROUND);
export const DIST = join(PLAYGROUND, 'dist');
export const CHROMIUM = '/usr/bin/chromium';
// As root Chromium needs --no-sandbox, and without the networking flags it keeps trying closed
// connections. Shared by the playground's tests and the bundler tests.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function run(command, args, options = {}) {
  console.error(`[playground] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  return result.status === 0;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** Newest modification time of a file or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/**
 * `npm ci` in playground/ when node_modules is missing or older than the lockfile
 * (npm writes node_modules/.package-lock.json at the end of every install).
 */
export function ensureNodeModules() {
  const installed = join(PLAYGROUND, 'node_modules', '.package-lock.json');
  if (mtime(installed) >= mtime(join(PLAYGROUND, 'package-lock.json'))) return;
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  if (!run('npm', ['ci', '--prefix', PLAYGROUND, '--no-audit', '--no-fund'], { env })) {
    throw new Error('npm ci in playground/ failed');
  }
}

/** Everything the built page is made from. */
const SOURCES = ['index.html', 'src', 'vite.config.mjs', 'package-lock.json'].map((path) => join(PLAYGROUND, path));
// The whole of js/: browser.mjs imports its siblings (api.mjs, ...), and a rebuild costs a second.
const CORE = [join(REPO, 'pkg'), join(REPO, 'js')];

/** `vite build` when dist/ is missing or older than any of its sources (or `force`). */
export function ensureBuilt({ force = false } = {}) {
  const built = mtime(join(DIST, 'index.html'));
  const sources = Math.max(...[...SOURCES, ...CORE].map(newest));
  if (!force && built > sources) return;
  const vite = join(PLAYGROUND, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: PLAYGROUND })) {
    throw new Error('vite build of the playground failed');
  }
}

/** `apt-get install -y chromium` when /usr/bin/chromium is missing (`apt-get update` only if needed). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['install', '-y', 'chromium'], { env })) return;
  if (!run('apt-get', ['update'], { env }) || !run('apt-get', ['install', '-y', 'chromium'], { env })) {
    throw new Error(`could not install Chromium with apt-get; install the Debian package "chromium" so that ${CHROMIUM} exists`);
  }
}

/** Everything the end-to-end tests need; exits with status 2 and a message when a step fails. */
export function prepareAll(what = 'playground setup') {
  try {
    ensureNodeModules();
    ensureChromium();
    ensureBuilt();
  } catch (error) {
    console.error(`${what}: ${error.message}`);
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) prepareAll();
