// Prisma Migrate's own advisory lock, held on ONE connection for the whole of a function: data
// migrations and `prisma migrate deploy` then exclude each other. Prisma Migrate serialises itself
// with the session-level `pg_advisory_lock(72707369)` (waiting 10 s for it, then failing with
// P1002); a lock taken and released with separate queries through a pool may be taken on one
// connection and "released" on another, which releases nothing, and behind a transaction-mode
// pooler (PgBouncer, Supabase's port 6543, Neon's `-pooler` hosts) a session-level lock is lost
// between statements. So: one dedicated connection (a URL, a `pg.Client`, a client checked out of a
// `pg.Pool`), the lock taken on it with `lock_timeout` (no polling), `fn` run on it, the lock
// released on it whatever `fn` does, and a URL that looks like a transaction-mode pooler refused.

import { connectionOptions, DatabaseError, databaseError, openClient } from './database.mjs';

/** The key Prisma Migrate locks (`pg_advisory_lock(72707369)`, in Prisma's schema engine). */
export const PRISMA_MIGRATE_LOCK = 72707369;

/** The lock could not be taken within the timeout: `holder` says who held it. */
export class MigrationLockTimeoutError extends DatabaseError {
  constructor(message, holder) {
    super(message);
    this.name = 'MigrationLockTimeoutError';
    this.holder = holder;
  }
}

/**
 * Why a URL looks like a transaction-mode pooler (where a session-level lock does not hold), or
 * null: Supabase's pooler on port 6543, Neon's `-pooler` hosts, Prisma's `pgbouncer=true`.
 */
export function transactionPooler(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname;
  if (parsed.searchParams.get('pgbouncer') === 'true') return 'the URL has pgbouncer=true (a PgBouncer in transaction mode)';
  if (/\.pooler\.supabase\.com$/.test(host) && parsed.port === '6543') return "port 6543 of Supabase's pooler is its transaction mode";
  if (/-pooler\./.test(host)) return "a Neon `-pooler` host is PgBouncer in transaction mode";
  return null;
}

/** Who holds advisory lock `key`: `{ pid, applicationName, user, since, state, query }`, or null. */
async function holderOf(client, key) {
  const { rows } = await client.query(
    `SELECT a.pid, a.application_name, a.usename, a.backend_start, a.state, a.query, a.xact_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = (($1::bigint >> 32) & 4294967295)::bigint::oid AND l.objid = ($1::bigint & 4294967295)::oid AND l.objsubid = 1
        AND a.pid <> pg_backend_pid()
      LIMIT 1`,
    [String(key)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    pid: row.pid,
    applicationName: row.application_name,
    user: row.usename,
    since: (row.xact_start ?? row.backend_start)?.toISOString?.() ?? null,
    state: row.state,
    query: row.query,
  };
}

const describe = (holder) =>
  holder
    ? `pid ${holder.pid}${holder.applicationName ? ` (${holder.applicationName})` : ''}, user ${holder.user}, since ${holder.since}${holder.query ? `, last query: ${holder.query.replace(/\s+/g, ' ').slice(0, 120)}` : ''}`
    : 'a session that has gone since';

/** The session-level lock (Prisma Migrate's kind), and the transaction-level one (a Prisma client's). */
const SESSION = {
  tryLock: 'SELECT pg_try_advisory_lock($1::bigint) AS taken',
  // The lock functions return void, which Prisma's raw queries cannot read: select something else.
  lock: 'SELECT true AS locked FROM (SELECT pg_advisory_lock($1::bigint)) AS l',
  timeout: (ms) => `SET lock_timeout = ${ms}`,
  reset: 'RESET lock_timeout',
};
const TRANSACTION = {
  tryLock: 'SELECT pg_try_advisory_xact_lock($1::bigint) AS taken',
  lock: 'SELECT true AS locked FROM (SELECT pg_advisory_xact_lock($1::bigint)) AS l',
  timeout: (ms) => `SET LOCAL lock_timeout = ${ms}`,
  reset: 'SET LOCAL lock_timeout TO DEFAULT',
};

/** Whether `error` is PostgreSQL's lock timeout (55P03), from node-postgres or through Prisma. */
const isLockTimeout = (error) =>
  error?.code === '55P03' ||
  error?.meta?.code === '55P03' ||
  error?.meta?.driverAdapterError?.cause?.originalCode === '55P03' ||
  /lock timeout/i.test(error?.message ?? '');

/** Take `key` on `client`, waiting at most `timeoutMs` (with lock_timeout, not a loop). */
async function acquire(client, key, { timeoutMs, onWaiting, label, kind = SESSION }) {
  const { rows } = await client.query(kind.tryLock, [String(key)]);
  if (rows[0].taken) return;
  const holder = await holderOf(client, key);
  if (onWaiting) await onWaiting(holder);
  await client.query(kind.timeout(Math.max(1, Math.floor(timeoutMs))));
  try {
    await client.query(kind.lock, [String(key)]);
  } catch (error) {
    // A pool's connection goes back without the timeout (a transaction's ended with the error).
    if (kind === SESSION) await client.query(kind.reset).catch(() => {});
    if (isLockTimeout(error)) {
      // In a transaction (a Prisma client's), the failed statement ended it: the holder seen before.
      const now = kind === SESSION ? await holderOf(client, key).catch(() => holder) : holder;
      throw new MigrationLockTimeoutError(
        `the migration lock (${key}) on ${label} is still held after ${timeoutMs} ms, by ${describe(now ?? holder)}`,
        now ?? holder,
      );
    }
    throw error;
  }
  await client.query(kind.reset);
}

const isPrisma = (target) => typeof target?.$transaction === 'function' && typeof target?.$queryRawUnsafe === 'function';
const isPool = (target) => typeof target?.connect === 'function' && typeof target?.totalCount === 'number';
const isPgClient = (target) => typeof target?.query === 'function' && typeof target?.connect === 'function' && 'connectionParameters' in target;

/**
 * Run `fn(client)` holding Prisma Migrate's advisory lock (or `options.key`) on one connection,
 * taken before `fn` starts and released when it returns or throws. `target`: a connection string
 * (a dedicated connection is opened and closed), a `pg.Pool` (a client is checked out for the
 * whole of `fn`), a connected `pg.Client`, or a Prisma client (see `withPrismaLock`). Options:
 * `timeoutMs` (default 10,000, as Prisma waits), `onWaiting(holder)` when another session holds
 * it, `key`, `sessionPooler: true` to allow a URL that looks like a transaction-mode pooler (say so
 * only for a session-mode one).
 */
export async function withMigrationLock(target, fn, options = {}) {
  if (typeof fn !== 'function') throw new TypeError('fn must be a function');
  const { key = PRISMA_MIGRATE_LOCK, timeoutMs = 10_000, onWaiting, sessionPooler = false, transactionTimeoutMs = 600_000, ...unknown } = options;
  const extra = Object.keys(unknown);
  if (extra.length) {
    throw new TypeError(`unknown option \`${extra[0]}\` of withMigrationLock: expected key, timeoutMs, onWaiting, sessionPooler, transactionTimeoutMs`);
  }
  if (!Number.isSafeInteger(Number(key))) throw new TypeError('options.key must be an integer (a bigint advisory lock key)');
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new TypeError('options.timeoutMs must be a number of milliseconds');
  if (isPrisma(target)) return withPrismaLock(target, fn, { key, timeoutMs, onWaiting, transactionTimeoutMs });
  let client;
  let done = keep;
  let label;
  if (typeof target === 'string') {
    const pooler = transactionPooler(target);
    if (pooler && !sessionPooler) {
      throw new DatabaseError(
        `withMigrationLock needs a session: ${pooler}, where a session-level lock is lost between statements. Use the direct (non-pooled) URL, or pass { sessionPooler: true } if this pooler runs in session mode`,
      );
    }
    label = connectionOptions(target).label;
    client = await openClient(target, { applicationName: 'migration-lint lock', what: 'withMigrationLock', doing: 'cannot take the migration lock on' });
    done = () => client.end();
  } else if (isPool(target)) {
    label = 'the pool';
    client = await target.connect();
    // The pool listens for errors of idle clients only: one that breaks while checked out here
    // would be an unhandled 'error' event.
    const ignore = () => {};
    client.on('error', ignore);
    done = (error) => {
      client.off('error', ignore);
      client.release(error);
    };
  } else if (isPgClient(target)) {
    label = 'the client';
    client = target;
  } else {
    throw new TypeError('target must be a connection string, a pg.Pool or a pg.Client');
  }
  // Whether the lock may still be held by the connection: then a pool's client is destroyed, not
  // returned (an idle pooled connection holding the lock is the bug this function exists to avoid).
  let stuck = false;
  try {
    await acquire(client, key, { timeoutMs, onWaiting, label });
    try {
      return await fn(client);
    } finally {
      const unlock = () => client.query('SELECT pg_advisory_unlock($1::bigint)', [String(key)]);
      await unlock().catch(async () => {
        // `fn` may have left a transaction open and aborted (25P02): end it, and unlock again.
        await client.query('ROLLBACK').catch(() => {});
        await unlock().catch(() => {
          // A connection that broke took its lock with it; a URL's or a pool's is closed below.
          stuck = true;
        });
      });
    }
  } finally {
    await done(stuck ? new Error('the migration lock could not be released on this connection') : undefined);
    // A caller's own pg.Client cannot be closed here: say that it may still hold the lock.
    if (stuck && done === keep) {
      throw new DatabaseError(`the migration lock (${key}) could not be released on the client: end that client to release it`);
    }
  }
}

async function keep() {}

/**
 * A Prisma client: the lock is transaction-level (`pg_advisory_xact_lock`), taken first thing in
 * an interactive `$transaction` and released by PostgreSQL when it commits or rolls back, so no
 * release can go to another connection. `fn(tx)` runs inside that transaction: its changes commit
 * together when it returns and roll back when it throws, and it may take at most
 * `transactionTimeoutMs` (Prisma's own limit is 5 s otherwise). The lock conflicts with Prisma
 * Migrate's session-level one on the same key, so they still exclude each other.
 */
async function withPrismaLock(prisma, fn, { key, timeoutMs, onWaiting, transactionTimeoutMs }) {
  return prisma.$transaction(
    async (tx) => {
      const client = { query: async (sql, values = []) => ({ rows: await tx.$queryRawUnsafe(sql, ...values) }) };
      await acquire(client, key, { timeoutMs, onWaiting, label: 'the Prisma client', kind: TRANSACTION });
      return fn(tx);
    },
    { maxWait: timeoutMs + 10_000, timeout: transactionTimeoutMs },
  );
}

/** Who holds the migration lock (or `key`) on the database at `url`: a holder, or null. */
export async function migrationLockHolder(url, { key = PRISMA_MIGRATE_LOCK } = {}) {
  const client = await openClient(url, { applicationName: 'migration-lint lock status', what: 'lock status', doing: 'cannot read the migration lock on' });
  try {
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL statement_timeout = 10000');
    return await holderOf(client, key);
  } catch (error) {
    throw databaseError(error, url, 'cannot read the migration lock on');
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end().catch(() => {});
  }
}
