// `withMigrationLock` and `lock status` against a real PostgreSQL server (tests/js/postgres.cjs):
// the lock is Prisma Migrate's own (`pg_advisory_lock(72707369)`), held on one connection for the
// whole of `fn` and released there; two OS processes exclude each other; a throw and a killed
// holder release it; a session locking as Prisma Migrate does waits while it is held; a pool's
// client keeps no lock after; a timeout says who held it; a transaction-mode pooler is refused.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, runCli, tempDir } = require('./helpers.cjs');
const { startPostgres } = require('./postgres.cjs');

const KEY = 72707369;
let pg;
let api;
let url;
beforeAll(async () => {
  pg = await startPostgres();
  url = pg.url();
  api = await import('../../js/index.mjs');
}, 180_000);
afterAll(() => pg?.stop());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const { Client, Pool } = require('pg');

/** A session of its own, as another program (Prisma Migrate, say) would have. */
async function session(applicationName) {
  const client = new Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  return client;
}

/** The pids holding the advisory lock KEY now. */
async function holders() {
  const rows = await pg.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = ${KEY} AND objsubid = 1`);
  return rows.map((row) => row.pid);
}

/** A child process that takes the lock, appends `start`/`end` lines with times to `log`, holding it `holdMs`. */
function holder(log, name, holdMs) {
  const script = `
    import { appendFileSync } from 'node:fs';
    import { withMigrationLock } from ${JSON.stringify(path.join(ROOT, 'js/index.mjs'))};
    const note = (what) => appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(name)} + ' ' + what + ' ' + Date.now() + '\\n');
    await withMigrationLock(process.env.URL, async () => {
      note('start');
      await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
      note('end');
    }, { timeoutMs: 30000 });
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, URL: url }, stdio: 'inherit' });
}

async function waitFor(check, what, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Until the session named `applicationName` waits for an advisory lock. */
const waitingForTheLock = (applicationName) =>
  waitFor(
    async () =>
      (await pg.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event = $2', 'postgres', [applicationName, 'advisory']))
        .length === 1,
    `${applicationName} to wait for the lock`,
  );

const lines = (log) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
const exited = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

test('two processes: the second waits until the first one`s fn has ended', async () => {
  const log = path.join(tempDir(), 'order.log');
  const first = holder(log, 'first', 800);
  await waitFor(() => lines(log).length === 1, 'the first holder');
  const second = holder(log, 'second', 10);
  expect((await exited(first)).code).toBe(0);
  expect((await exited(second)).code).toBe(0);
  const events = lines(log).map((line) => line.split(' '));
  expect(events.map(([who, what]) => `${who} ${what}`)).toEqual(['first start', 'first end', 'second start', 'second end']);
  expect(Number(events[2][2])).toBeGreaterThanOrEqual(Number(events[1][2]));
  expect(await holders()).toEqual([]);
}, 30_000);

test('a throw in fn releases the lock, and the error is fn`s own', async () => {
  const boom = new Error('boom');
  await expect(
    api.withMigrationLock(url, async () => {
      expect((await holders()).length).toBe(1);
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect(await holders()).toEqual([]);
  expect(await api.migrationLockHolder(url)).toBeNull();
});

test('a killed holder releases it', async () => {
  const log = path.join(tempDir(), 'killed.log');
  const child = holder(log, 'doomed', 60_000);
  await waitFor(() => lines(log).length === 1, 'the holder');
  expect((await holders()).length).toBe(1);
  child.kill('SIGKILL');
  await exited(child);
  const started = Date.now();
  const result = await api.withMigrationLock(url, async () => 'got it', { timeoutMs: 10_000 });
  expect(result).toBe('got it');
  expect(Date.now() - started).toBeLessThan(10_000);
}, 30_000);

test('a session locking as Prisma Migrate does waits while the lock is held', async () => {
  const migrate = await session('prisma-migrate-sim');
  try {
    let migrated = false;
    let pending;
    await api.withMigrationLock(url, async (client) => {
      const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
      expect(await holders()).toEqual([rows[0].pid]);
      pending = migrate.query(`SELECT pg_advisory_lock(${KEY})`).then(() => {
        migrated = true;
      });
      await waitingForTheLock('prisma-migrate-sim');
      await sleep(200);
      expect(migrated).toBe(false);
    });
    await pending;
    expect(migrated).toBe(true);
  } finally {
    await migrate.end();
  }
});

test('through a pg.Pool: the lock is taken and released on the one client fn runs on', async () => {
  const pool = new Pool({ connectionString: url, max: 3 });
  try {
    const ran = await api.withMigrationLock(pool, async (client) => {
      const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
      expect(await holders()).toEqual([rows[0].pid]);
      // Other work on the pool meanwhile runs on other connections, and holds nothing.
      await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 2')]);
      return rows[0].pid;
    });
    expect(typeof ran).toBe('number');
    expect(pool.totalCount).toBeGreaterThanOrEqual(1);
    expect(await holders()).toEqual([]);
  } finally {
    await pool.end();
  }
});

test('fn leaving an aborted transaction on a pg.Client: the lock is still released there', async () => {
  const client = await session('app');
  try {
    await expect(
      api.withMigrationLock(client, async (locked) => {
        await locked.query('BEGIN');
        await locked.query('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await holders()).toEqual([]);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await client.end();
  }
});

test('through a pg.Pool: a connection that breaks inside fn raises no unhandled error, holds nothing, and the pool goes on', async () => {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  try {
    // fn ends its own session: the unlock cannot run on that connection, and the lock went with it.
    await expect(api.withMigrationLock(pool, (client) => client.query('SELECT pg_terminate_backend(pg_backend_pid())'))).rejects.toThrow();
    expect(pool.totalCount).toBe(0);
    expect(await holders()).toEqual([]);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await pool.end();
  }
});

test('a connected pg.Client target holds it on that client', async () => {
  const client = await session('app');
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    await api.withMigrationLock(client, async () => {
      expect(await holders()).toEqual([rows[0].pid]);
    });
    expect(await holders()).toEqual([]);
  } finally {
    await client.end();
  }
});

test('held past timeoutMs: onWaiting and the error say who holds it; lock status prints it', async () => {
  const migrate = await session('prisma-migrate-sim');
  try {
    await migrate.query(`SELECT pg_advisory_lock(${KEY})`);
    const { rows } = await migrate.query('SELECT pg_backend_pid() AS pid');
    const waiting = [];
    let ran = false;
    const started = Date.now();
    const error = await api
      .withMigrationLock(url, () => (ran = true), { timeoutMs: 300, onWaiting: (holder) => waiting.push(holder) })
      .catch((caught) => caught);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(api.MigrationLockTimeoutError);
    expect(error.message).toContain(`held after 300 ms, by pid ${rows[0].pid} (prisma-migrate-sim)`);
    expect(error.holder).toMatchObject({ pid: rows[0].pid, applicationName: 'prisma-migrate-sim', user: 'postgres' });
    expect(waiting).toHaveLength(1);
    expect(waiting[0].pid).toBe(rows[0].pid);

    const text = runCli(['lock', 'status', '--database-url', url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`the migration lock (${KEY}) on postgresql://postgres@127.0.0.1:${pg.port}/postgres is held by pid ${rows[0].pid} (prisma-migrate-sim)`);
    expect(text.stdout).not.toContain('postgres-secret');
    const json = JSON.parse(runCli(['lock', 'status', '--database-url', url, '--format', 'json']).stdout);
    expect(json).toMatchObject({ key: KEY, holder: { pid: rows[0].pid, applicationName: 'prisma-migrate-sim' } });
    await migrate.query(`SELECT pg_advisory_unlock(${KEY})`);
    expect(runCli(['lock', 'status', '--database-url', url]).stdout).toBe(
      `the migration lock (${KEY}) on postgresql://postgres@127.0.0.1:${pg.port}/postgres is not held\n`,
    );
  } finally {
    await migrate.end();
  }
});

test('a URL that looks like a transaction-mode pooler is refused, unless it is said to be a session pooler', async () => {
  for (const pooled of [
    'postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres',
    'postgresql://app:pw@ep-cool-name-123456-pooler.eu-central-1.aws.neon.tech/neondb',
    'postgresql://app:pw@db.internal:6432/app?pgbouncer=true',
  ]) {
    const error = await api.withMigrationLock(pooled, () => 'ran').catch((caught) => caught);
    expect(error).toBeInstanceOf(api.DatabaseError);
    expect(error.message).toMatch(/withMigrationLock needs a session: .*transaction mode/);
    expect(error.message).not.toContain(':pw@');
  }
  // Said to be in session mode, it is used (here: the test server, with Prisma's flag on its URL).
  expect(await api.withMigrationLock(`${url}?pgbouncer=true`, () => 'ran', { sessionPooler: true })).toBe('ran');
});

test('bad arguments are TypeErrors; an unreachable database a DatabaseError without the password', async () => {
  await expect(api.withMigrationLock(url, undefined)).rejects.toThrow(TypeError);
  await expect(api.withMigrationLock(url, () => 1, { timeout: 5 })).rejects.toThrow(/unknown option `timeout`/);
  await expect(api.withMigrationLock({}, () => 1)).rejects.toThrow(/target must be/);
  const error = await api.withMigrationLock('postgresql://app:hunter2@127.0.0.1:1/app', () => 1).catch((caught) => caught);
  expect(error).toBeInstanceOf(api.DatabaseError);
  expect(error.message).toBe('cannot take the migration lock on postgresql://app@127.0.0.1:1/app: connection refused at 127.0.0.1:1 (is PostgreSQL running there?)');
});

// A Prisma 7 client (generated with `prisma generate` on a small schema, run on @prisma/adapter-pg):
// installed into tests/prisma-client/ when missing. The lock is transaction-level there.
describe('a Prisma client target', () => {
  const FIXTURE = path.join(ROOT, 'tests/prisma-client');
  let prisma;
  beforeAll(() => {
    const { execFileSync } = require('node:child_process');
    if (!fs.existsSync(path.join(FIXTURE, 'node_modules/.package-lock.json'))) {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: FIXTURE, stdio: 'ignore' });
    }
    // Prisma 7's CLI downloads a schema engine for every command unless told where one is;
    // `generate` needs none.
    execFileSync(process.execPath, [path.join(FIXTURE, 'node_modules/prisma/build/index.js'), 'generate'], {
      cwd: FIXTURE,
      stdio: 'ignore',
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    const { PrismaClient } = require(path.join(FIXTURE, 'generated'));
    const { PrismaPg } = require(path.join(FIXTURE, 'node_modules/@prisma/adapter-pg'));
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }, 180_000);
  afterAll(() => prisma?.$disconnect());

  test('fn runs in one transaction holding the lock, which a Prisma Migrate session waits for', async () => {
    const migrate = await session('prisma-migrate-sim');
    try {
      let migrated = false;
      let pending;
      const pid = await api.withMigrationLock(prisma, async (tx) => {
        const [{ pid }] = await tx.$queryRawUnsafe('SELECT pg_backend_pid() AS pid');
        expect(await holders()).toEqual([pid]);
        pending = migrate.query(`SELECT pg_advisory_lock(${KEY})`).then(() => {
          migrated = true;
        });
        await waitingForTheLock('prisma-migrate-sim');
        expect(migrated).toBe(false);
        return pid;
      });
      expect(typeof pid).toBe('number');
      await pending;
      expect(migrated).toBe(true);
      await migrate.query(`SELECT pg_advisory_unlock(${KEY})`);
      expect(await holders()).toEqual([]);
    } finally {
      await migrate.end();
    }
  });

  test('held by another session for a moment: it waits, then fn runs', async () => {
    const migrate = await session('prisma-migrate-sim');
    try {
      await migrate.query(`SELECT pg_advisory_lock(${KEY})`);
      setTimeout(() => migrate.query(`SELECT pg_advisory_unlock(${KEY})`), 300);
      const waiting = [];
      const ran = await api.withMigrationLock(prisma, async (tx) => (await tx.$queryRawUnsafe('SELECT 1 AS one'))[0].one, {
        timeoutMs: 10_000,
        onWaiting: (holder) => waiting.push(holder.applicationName),
      });
      expect(ran).toBe(1);
      expect(waiting).toEqual(['prisma-migrate-sim']);
    } finally {
      await migrate.end();
    }
  });

  test('a throw rolls fn back and releases; a held lock times out naming the holder', async () => {
    await pg.query('CREATE TABLE IF NOT EXISTS "Note" (id serial PRIMARY KEY, text text NOT NULL)');
    await expect(
      api.withMigrationLock(prisma, async (tx) => {
        await tx.note.create({ data: { text: 'rolled back' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await pg.query('SELECT * FROM "Note"')).toEqual([]);
    expect(await holders()).toEqual([]);

    const migrate = await session('prisma-migrate-sim');
    try {
      await migrate.query(`SELECT pg_advisory_lock(${KEY})`);
      const waiting = [];
      const error = await api
        .withMigrationLock(prisma, () => 'ran', { timeoutMs: 300, onWaiting: (holder) => waiting.push(holder) })
        .catch((caught) => caught);
      expect(error).toBeInstanceOf(api.MigrationLockTimeoutError);
      expect(error.message).toMatch(/on the Prisma client is still held after 300 ms, by pid \d+ \(prisma-migrate-sim\)/);
      expect(waiting.map((holder) => holder.applicationName)).toEqual(['prisma-migrate-sim']);
    } finally {
      await migrate.end();
    }
    // The client still works afterwards.
    expect(await api.withMigrationLock(prisma, async (tx) => (await tx.note.findMany()).length)).toBe(0);
  });
});
