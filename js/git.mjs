// The base branch, read from git (Node only): the merge-base of HEAD and the base, and the
// migrations folder at the merge-base and at the base's tip, as the plain data the core compares
// (`Base` in src/types.d.ts). The core never runs git; the comparison happens there.
//
// Plumbing only, with NUL-separated output: `rev-parse`, `merge-base`, `ls-tree`, and one
// `cat-file --batch` for every text needed, so 10,000 migrations cost a handful of processes.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

import { decodeUtf8, InputError } from './files.mjs';

/**
 * Git could not give the base. `reason`: `no-git` (git is not installed), `not-a-repo`,
 * `no-commits`, `bad-ref`, `shallow` (the clone does not reach the merge-base), `unrelated`
 * (no common history), `failed` (anything else git refused).
 */
export class GitError extends InputError {
  constructor(message, path, reason) {
    super(message, path);
    this.name = 'GitError';
    this.reason = reason;
  }
}

const FETCH_HINT = 'with actions/checkout, set `fetch-depth: 0`; elsewhere run `git fetch --unshallow`';

function git(args, { input } = {}) {
  const result = spawnSync('git', args, {
    input,
    maxBuffer: 2 ** 31 - 1,
    // No optional locks: reading must not contend with a git process the user is running.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error) {
    if (result.error.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH), and --base needs it', '.', 'no-git');
    throw new GitError(`git ${args.join(' ')}: ${result.error.message}`, '.', 'failed');
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

function lines(buffer) {
  return buffer.toString('utf8').split('\n');
}

/** The commit `rev` names in the repository at `top`, or null. */
function commitOf(top, rev) {
  const { status, stdout } = git(['-C', top, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return status === 0 ? lines(stdout)[0] : null;
}

/**
 * The migration folder named by `path` (relative to the repository), if `path` is a file directly
 * inside a migration folder under `prefix`: `{ name, file }`; hidden folders are skipped, as the
 * working-tree reader skips them.
 */
function migrationOf(path, prefix) {
  if (!path.startsWith(prefix)) return null;
  const slash = path.indexOf('/', prefix.length);
  if (slash <= prefix.length || path[prefix.length] === '.') return null;
  return { name: path.slice(prefix.length, slash), file: path.slice(slash + 1) };
}

/**
 * The migration folders under `prefix` in `commit`: name -> blob id of its `migration.sql` (null
 * when the folder has none, or it is a symlink or a submodule).
 */
function listMigrations(top, commit, prefix) {
  const args = ['-C', top, '--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit];
  if (prefix !== '') args.push('--', prefix);
  const { status, stdout, stderr } = git(args);
  if (status !== 0) throw new GitError(`git ls-tree ${commit} failed: ${stderr}`, top, 'failed');
  const found = new Map();
  // `<mode> <type> <oid>\t<path>`, NUL-terminated.
  for (const entry of stdout.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    const at = tab < 0 ? null : migrationOf(entry.slice(tab + 1), prefix);
    if (at === null) continue;
    const script = at.file === 'migration.sql' && entry.startsWith('100');
    if (script) found.set(at.name, entry.slice(entry.lastIndexOf(' ', tab) + 1, tab));
    else if (!found.has(at.name)) found.set(at.name, null);
  }
  return found;
}

/**
 * The `migration.sql` files under `prefix` that differ between `from` and `to` (a commit, or the
 * working tree when `to` is null): name -> { status (A, D, M, T), oid (the `to` side's blob, for
 * commits) }. Git compares after its clean filters, so a checkout's line endings are no change.
 */
function changedScripts(top, prefix, from, to) {
  const args = ['-C', top, '--literal-pathspecs', 'diff', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-ext-diff', from];
  if (to !== null) args.push(to);
  args.push('--', prefix === '' ? '.' : prefix);
  const { status, stdout, stderr } = git(args);
  if (status !== 0) throw new GitError(`git diff ${from} failed: ${stderr}`, top, 'failed');
  const changed = new Map();
  // `:<mode> <mode> <oid> <oid> <status>\0<path>\0`
  const fields = stdout.toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, , , oid, status] = fields[i].split(' ');
    const at = migrationOf(fields[i + 1], prefix);
    if (at !== null && at.file === 'migration.sql') changed.set(at.name, { status: status[0], oid });
  }
  return changed;
}

/** The contents of the blobs `oids`, by id, from one `git cat-file --batch`. */
function readBlobs(top, oids) {
  const contents = new Map();
  if (oids.length === 0) return contents;
  // --buffer: without it git flushes after every object (measured: 230 ms instead of 90 ms for 10,000).
  const { status, stdout, stderr } = git(['-C', top, 'cat-file', '--batch', '--buffer'], { input: `${oids.join('\n')}\n` });
  if (status !== 0) throw new GitError(`git cat-file failed: ${stderr}`, top, 'failed');
  let at = 0;
  while (at < stdout.length) {
    const end = stdout.indexOf(0x0a, at);
    if (end < 0) break;
    const [oid, type, size] = stdout.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    contents.set(oid, stdout.subarray(at, at + length));
    at += length + 1;
  }
  return contents;
}

/** A base migration as the core takes it: its text, or Prisma's checksum when it is not UTF-8. */
function baseMigration(name, bytes) {
  if (bytes === undefined) return { name, sql: null };
  const sql = decodeUtf8(bytes);
  return sql === null ? { name, checksum: createHash('sha256').update(bytes).digest('hex') } : { name, sql };
}

/**
 * How `path` (a file or folder) is named from the top of the git work tree that holds it, with
 * `/` separators (`.` for the top itself); null outside a work tree or without git. GitHub places
 * annotations and code-scanning results by such paths, whatever folder the check ran in.
 */
export function repoPath(path) {
  let folder = path;
  let leaf = '';
  try {
    if (!statSync(path).isDirectory()) {
      folder = dirname(path);
      leaf = basename(path);
    }
  } catch {
    return null;
  }
  let where;
  try {
    where = git(['-C', folder, 'rev-parse', '--show-prefix']);
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
  if (where.status !== 0) return null;
  // `--show-prefix` ends with `/` below the top and is empty at it.
  const named = `${lines(where.stdout)[0]}${leaf}`.replace(/\/$/, '');
  return named === '' ? '.' : named;
}

/**
 * Read the base branch `ref` for the migrations folder `dir` (inside a git work tree): the
 * migrations at the merge-base of HEAD and `ref`, and at `ref` itself. Throws a `GitError` with a
 * message saying what to do when git cannot tell.
 */
export function readGitBase(dir, ref) {
  if (typeof ref !== 'string' || ref === '' || ref.startsWith('-')) {
    throw new GitError(`invalid git ref ${JSON.stringify(ref)}`, dir, 'bad-ref');
  }
  const where = git(['-C', dir, 'rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository']);
  if (where.status !== 0) {
    throw new GitError(`${dir} is not inside a git repository, so there is no base ${ref} to compare with`, dir, 'not-a-repo');
  }
  const [top, prefix, shallowFlag] = lines(where.stdout);
  const shallow = shallowFlag === 'true';
  if (commitOf(top, 'HEAD') === null) {
    throw new GitError(`the git repository at ${top} has no commits yet, so there is no base ${ref} to compare with`, dir, 'no-commits');
  }
  const tip = commitOf(top, ref);
  if (tip === null) {
    const hint = shallow ? ` This clone is shallow: ${FETCH_HINT}.` : ` Fetch it first (e.g. \`git fetch origin\`).`;
    throw new GitError(`unknown git ref ${ref}: no branch, tag or commit of that name here.${hint}`, dir, 'bad-ref');
  }
  const forked = git(['-C', top, 'merge-base', 'HEAD', tip]);
  if (forked.status !== 0) {
    if (shallow) {
      throw new GitError(
        `this clone is shallow and does not reach the commit where HEAD and ${ref} forked, so the migrations there cannot be read: ${FETCH_HINT}`,
        dir,
        'shallow',
      );
    }
    if (forked.status === 1) throw new GitError(`HEAD and ${ref} share no history: no merge-base to compare with`, dir, 'unrelated');
    throw new GitError(`git merge-base HEAD ${ref} failed: ${forked.stderr}`, dir, 'failed');
  }
  const mergeBase = lines(forked.stdout)[0];

  const atMergeBase = listMigrations(top, mergeBase, prefix);
  // Texts are read only where something changed: migrations whose script this branch's working
  // tree changed or deleted since the merge-base (the core decides whether that is an edit, a
  // deletion or a rename), and those the base gained since (objects both sides change). A
  // migration sent without text is one git found unchanged.
  const here = changedScripts(top, prefix, mergeBase, null);
  const there = tip === mergeBase ? null : changedScripts(top, prefix, mergeBase, tip);
  const wanted = new Map();
  for (const [name, { status }] of here) {
    if (status !== 'A' && atMergeBase.get(name)) wanted.set(name, atMergeBase.get(name));
  }
  const gained = new Map();
  for (const [name, { status, oid }] of there ?? []) {
    if (status === 'A' && !atMergeBase.has(name)) gained.set(name, oid);
  }
  const blobs = readBlobs(top, [...new Set([...wanted.values(), ...gained.values()])]);
  const text = (name, oid) => (oid === undefined ? { name } : baseMigration(name, blobs.get(oid)));
  const mergeBaseList = [...atMergeBase.keys()].map((name) => text(name, wanted.get(name)));
  let baseHead = null;
  if (there !== null) {
    baseHead = [...atMergeBase.keys()].filter((name) => there.get(name)?.status !== 'D').map((name) => ({ name }));
    for (const [name, oid] of gained) baseHead.push(text(name, oid));
  }
  return { ref, commit: mergeBase, mergeBase: mergeBaseList, baseHead };
}

/**
 * The repository's default branch as a ref to compare with, for `init`: what `origin/HEAD` points
 * at, else `origin/main` or `origin/master`, else a local `main` or `master`; null when `dir` is
 * not in a git repository or has none of them.
 */
export function defaultBranch(dir) {
  const head = git(['-C', dir, 'symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (head.status === 0) {
    const ref = lines(head.stdout)[0];
    if (ref) return ref;
  }
  for (const [ref, full] of [
    ['origin/main', 'refs/remotes/origin/main'],
    ['origin/master', 'refs/remotes/origin/master'],
    ['main', 'refs/heads/main'],
    ['master', 'refs/heads/master'],
  ]) {
    if (git(['-C', dir, 'rev-parse', '--verify', '--quiet', `${full}^{commit}`]).status === 0) return ref;
  }
  return null;
}
