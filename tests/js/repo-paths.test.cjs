// Where findings say they are. GitHub places annotations (`--format github`) and code-scanning
// results (`--format sarif`) by paths from the repository root, and the pull-request comment
// (`--format markdown`) is read beside the pull request's file list; so these three name files from
// the top of the git work tree, whatever folder the CLI ran in (`pnpm db:check-destructive` runs
// it in packages/database). text and json keep the paths as typed.
const fs = require('node:fs');
const path = require('node:path');

const { GIT_ENV, gitIn, tempDir, runCli, writeMigrations, DROP_TABLE } = require('./helpers.cjs');

const FOLDER = 'packages/database/prisma/migrations';
const NAME = '20240102000000_drop_session_table';
const FROM_TOP = `${FOLDER}/${NAME}/migration.sql`;
const TYPED = `prisma/migrations/${NAME}/migration.sql`;

/** A git work tree with the team's layout; `init: false` leaves it a plain folder. */
function workspace({ init = true } = {}) {
  const root = tempDir();
  writeMigrations(root, FOLDER, { [NAME]: DROP_TABLE });
  if (init) gitIn(root)('init', '-q');
  return root;
}

/** The file each finding names, in each format. */
const named = {
  github: (out) => [...out.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]),
  sarif: (out) => JSON.parse(out).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
  markdown: (out) => [...out.matchAll(/^### `([^`]+)`$/gm)].map((m) => `${m[1]}/migration.sql`),
  json: (out) => JSON.parse(out).findings.map((f) => f.file),
  text: (out) => [...out.matchAll(/--> (.+):\d+:\d+$/gm)].map((m) => m[1]),
};

function files(format, args, cwd) {
  const { code, stdout, stderr } = runCli(['check-destructive', ...args, '--format', format], { cwd, env: GIT_ENV });
  expect(stderr).toBe('');
  expect(code).toBe(1);
  return named[format](stdout);
}

describe('run from a package folder inside a git repository', () => {
  const root = workspace();
  const cwd = path.join(root, 'packages/database');

  test.each(['github', 'sarif', 'markdown'])('%s names files from the repository root', (format) => {
    expect(files(format, [], cwd)).toEqual([FROM_TOP]);
    expect(files(format, ['prisma/migrations'], cwd)).toEqual([FROM_TOP]);
    expect(files(format, [`./prisma/migrations/${NAME}/migration.sql`], cwd)).toEqual([FROM_TOP]);
  });

  test.each(['text', 'json'])('%s keeps the path as typed', (format) => {
    expect(files(format, [], cwd)).toEqual([TYPED]);
    expect(files(format, ['./prisma/migrations/'], cwd)).toEqual([TYPED]);
  });

  test('an absolute path, or one through .., is named from the root too', () => {
    expect(files('github', [path.join(cwd, 'prisma/migrations')], root)).toEqual([FROM_TOP]);
    const sibling = path.join(root, 'packages/web');
    fs.mkdirSync(sibling, { recursive: true });
    expect(files('github', ['../database/prisma/migrations'], sibling)).toEqual([FROM_TOP]);
    expect(files('json', ['../database/prisma/migrations'], cwd)).toEqual([`../database/prisma/migrations/${NAME}/migration.sql`]);
  });

  test('from the root, or from inside the migrations folder', () => {
    expect(files('sarif', [FOLDER], root)).toEqual([FROM_TOP]);
    expect(files('github', ['.'], path.join(cwd, 'prisma/migrations'))).toEqual([FROM_TOP]);
    expect(files('json', ['.'], path.join(cwd, 'prisma/migrations'))).toEqual([`${NAME}/migration.sql`]);
  });
});

test('a repository in a subfolder names files from its own top', () => {
  const outer = tempDir();
  const root = path.join(outer, 'checkout');
  fs.mkdirSync(root);
  writeMigrations(root, FOLDER, { [NAME]: DROP_TABLE });
  gitIn(root)('init', '-q');
  expect(files('github', [`checkout/${FOLDER}`], outer)).toEqual([FROM_TOP]);
});

test('outside a git repository every format keeps the path as typed', () => {
  const cwd = path.join(workspace({ init: false }), 'packages/database');
  for (const format of Object.keys(named)) expect(files(format, [], cwd)).toEqual([TYPED]);
});

test('a `--` is ignored, so the options after it are options (pnpm passes the `--` on)', () => {
  const cwd = path.join(workspace(), 'packages/database');
  const passed = runCli(['check-destructive', '--', '--format', 'github'], { cwd, env: GIT_ENV });
  const plain = runCli(['check-destructive', '--format', 'github'], { cwd, env: GIT_ENV });
  expect(passed).toEqual(plain);
  expect(passed.stdout).toMatch(/^::error file=packages\/database\/prisma\/migrations\//);
  expect(passed.code).toBe(1);
});
