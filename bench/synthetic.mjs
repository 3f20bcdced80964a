// A synthetic Prisma project for issue 3's speed target: a git repository whose migrations folder
// holds `count` migrations, most of them on the base branch `main`, a few added on a feature branch
// (checked out), and `main` moved on after the branch forked (a stale branch, as in real life).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ON_BRANCH = 10;
const BASE_GAINED = 5;
const TABLES_EVERY = 40;

/** `YYYYMMDDHHMMSS` of `date` in UTC. */
function stamp(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The n-th migration: a table every TABLES_EVERY migrations, columns added to it in between. */
function migration(n, start) {
  const time = stamp(new Date(start + n * 3_600_000));
  const table = `table_${Math.floor(n / TABLES_EVERY)}`;
  if (n % TABLES_EVERY === 0) {
    return {
      name: `${time}_create_${table}`,
      sql: `-- CreateTable\nCREATE TABLE "${table}" (\n    "id" TEXT NOT NULL,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT "${table}_pkey" PRIMARY KEY ("id")\n);\n`,
    };
  }
  const column = `field_${n}`;
  return {
    name: `${time}_add_${column}_to_${table}`,
    sql: `-- AlterTable\nALTER TABLE "${table}" ADD COLUMN "${column}" TEXT;\n`,
  };
}

function write(migrations, list) {
  for (const { name, sql } of list) {
    mkdirSync(join(migrations, name));
    writeFileSync(join(migrations, name, 'migration.sql'), sql);
  }
}

/** Build the repository in `dir` (must not exist). */
export function syntheticRepo(dir, count) {
  const migrations = join(dir, 'prisma', 'migrations');
  mkdirSync(migrations, { recursive: true });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  const start = Date.UTC(2015, 0, 1);
  const onBase = count - ON_BRANCH;
  // The branch's migrations are generated before main's later ones, so main's sort after them.
  const all = Array.from({ length: count + BASE_GAINED }, (_, n) => migration(n, start));

  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
  write(migrations, all.slice(0, onBase));
  git('add', '.');
  git('commit', '--quiet', '-m', 'base migrations');
  git('checkout', '--quiet', '-b', 'feature');
  write(migrations, all.slice(onBase, count));
  git('add', '.');
  git('commit', '--quiet', '-m', 'feature migrations');
  git('checkout', '--quiet', 'main');
  write(migrations, all.slice(count));
  git('add', '.');
  git('commit', '--quiet', '-m', 'main moves on');
  git('checkout', '--quiet', 'feature');
  return { dir, migrations, base: 'main', count, onBase, onBranch: ON_BRANCH, baseGained: BASE_GAINED };
}
