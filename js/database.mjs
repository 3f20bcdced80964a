// Connections to a deployed database, for `status`: node-postgres (`pg`), an optional dependency
// loaded only here, so every other entry point stays free of it. Reading only: every session is
// read-only (`default_transaction_read_only`, and the one transaction is `BEGIN READ ONLY`), with a
// short connect timeout and statement timeout. A URL is read as libpq reads it (`sslmode` and the
// `sslrootcert`/`sslcert`/`sslkey` files, `connect_timeout`, `host`/`port`/`user`/`dbname`
// parameters, PG* variables for what the URL leaves out, Prisma's `schema`), and the password is
// never printed: messages name the database as `postgresql://user@host:port/database`.

import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

import { InputError } from './files.mjs';

/** A problem reaching or reading the database: exit 2, one line that says which. */
export class DatabaseError extends InputError {
  constructor(message, database) {
    super(message, database);
    this.name = 'DatabaseError';
  }
}

/** node-postgres, or a DatabaseError with the line that installs it. */
async function loadPg(what) {
  try {
    return (await import('pg')).default;
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new DatabaseError(`${what} needs node-postgres, an optional dependency that is not installed: npm install pg`);
    }
    throw error;
  }
}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/**
 * The connection settings a URL stands for, as libpq reads it; `label` names the database without
 * the password. A DatabaseError for a URL that is not one (the URL itself is not printed: it may
 * hold a password).
 */
export function connectionOptions(url, { env = process.env } = {}) {
  if (typeof url !== 'string' || url.trim() === '') throw new DatabaseError('no database URL: pass --database-url or set DATABASE_URL');
  let parsed;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new DatabaseError('the database URL is not a URL: expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatabaseError(`the database URL is ${parsed.protocol}//…, not postgresql://: only PostgreSQL is supported`);
  }
  const params = parsed.searchParams;
  const decode = (text) => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new DatabaseError('the database URL has a malformed %-escape');
    }
  };
  const host = params.get('host') ?? (decode(parsed.hostname).replace(/^\[(.*)\]$/, '$1') || env.PGHOST || 'localhost');
  const port = Number(params.get('port') ?? (parsed.port || env.PGPORT || 5432));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new DatabaseError(`the database URL's port is not a port number`);
  const osUser = () => {
    try {
      return userInfo().username;
    } catch {
      throw new DatabaseError('the database URL names no user, and neither PGUSER nor the system does: put the user in the URL');
    }
  };
  const user = params.get('user') ?? (decode(parsed.username) || env.PGUSER || osUser());
  const password = params.get('password') ?? (decode(parsed.password) || env.PGPASSWORD || undefined);
  const database = params.get('dbname') ?? (decode(parsed.pathname.replace(/^\//, '')) || env.PGDATABASE || user);
  const schema = params.get('schema') ?? 'public';
  const sslmode = params.get('sslmode') ?? env.PGSSLMODE ?? 'prefer';
  if (!SSL_MODES.includes(sslmode)) {
    throw new DatabaseError(`unknown sslmode=${sslmode} in the database URL: expected one of ${SSL_MODES.join(', ')}`);
  }
  const seconds = Number(params.get('connect_timeout') ?? env.PGCONNECT_TIMEOUT ?? 5);
  // The TLS files libpq reads (none with sslmode=disable, which never uses them).
  const file = (name) => {
    const path = params.get(name) ?? env[`PG${name.toUpperCase()}`];
    if (sslmode === 'disable' || !path || (name === 'sslrootcert' && path === 'system')) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      throw new DatabaseError(`cannot read ${name} ${path}: ${error.code ?? error.message}`);
    }
  };
  const tls = { ca: file('sslrootcert'), cert: file('sslcert'), key: file('sslkey') };
  // libpq: verify-full checks the chain and the host name, verify-ca the chain, and `require` the
  // chain when a root certificate is given (as verify-ca), else nothing.
  const ssl =
    sslmode === 'verify-full'
      ? tls
      : sslmode === 'verify-ca' || (sslmode === 'require' && tls.ca)
        ? { ...tls, checkServerIdentity: () => undefined }
        : { ...tls, rejectUnauthorized: false };
  const hostLabel = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    user,
    password,
    database,
    schema,
    sslmode,
    ssl,
    connectTimeoutMs: Math.max(1, Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000,
    label: `postgresql://${encodeURIComponent(user)}@${hostLabel}:${port}/${database}`,
  };
}

/** Connect as libpq would for the sslmode: `prefer` falls back to no TLS, `allow` to TLS. */
async function connect(pg, options, { applicationName }) {
  const attempt = async (ssl) => {
    const client = new pg.Client({
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password,
      database: options.database,
      ssl,
      connectionTimeoutMillis: options.connectTimeoutMs,
      // No startup options beyond the application name: a PgBouncer in transaction mode (Prisma's
      // `?pgbouncer=true` URLs) refuses them. Read-only and the statement timeout are set per
      // transaction instead (`BEGIN READ ONLY`, `SET LOCAL`).
      application_name: applicationName,
    });
    // An error after connecting (the server going away) must not be an unhandled 'error' event.
    client.on('error', () => {});
    await client.connect();
    return client;
  };
  switch (options.sslmode) {
    case 'disable':
      return attempt(false);
    case 'allow':
      try {
        return await attempt(false);
      } catch (error) {
        if (error?.code === '28000') return attempt(options.ssl);
        throw error;
      }
    case 'prefer':
      try {
        return await attempt(options.ssl);
      } catch (error) {
        if (/does not support SSL/i.test(error?.message ?? '')) return attempt(false);
        throw error;
      }
    default:
      return attempt(options.ssl);
  }
}

/** What went wrong, in one line naming the database and never the password. */
function explain(error, options, doing = 'cannot read the deployed state of') {
  const where = `${options.host}:${options.port}`;
  const code = error?.code;
  const reason = (() => {
    switch (code) {
      case 'ECONNREFUSED':
        return `connection refused at ${where} (is PostgreSQL running there?)`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `host ${options.host} not found`;
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `${where} is unreachable (${code})`;
      case '28P01':
        return `password authentication failed for user ${options.user}`;
      case '28000':
        return `the server does not accept user ${options.user} from here (pg_hba.conf: ${error.message})`;
      case '3D000':
        return `database ${options.database} does not exist`;
      case '42501':
        return `user ${options.user} may not read _prisma_migrations (${error.message})`;
      case '57014':
        return `reading _prisma_migrations took longer than the statement timeout`;
      default:
        if (/timeout/i.test(error?.message ?? '')) return `no answer from ${where} within ${options.connectTimeoutMs / 1000} s`;
        if (/does not support SSL/i.test(error?.message ?? '')) return `the server does not support SSL, which sslmode=${options.sslmode} requires`;
        if (/self[- ]signed|certificate|unable to verify/i.test(error?.message ?? '')) {
          return `the server's certificate was refused (sslmode=${options.sslmode}): ${error.message}`;
        }
        return `${error?.message ?? error}${code && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ''}`;
    }
  })();
  let message = `${doing} ${options.label}: ${reason}`;
  if (options.password) message = message.split(options.password).join('***');
  return new DatabaseError(message, options.label);
}

/** `error`, met while `doing` something with the database at `url`, as a DatabaseError. */
export function databaseError(error, url, doing) {
  return error instanceof DatabaseError ? error : explain(error, connectionOptions(url), doing);
}

/**
 * A connected `pg.Client` for `url` (libpq's URL rules; a DatabaseError, in one line without the
 * password, when it cannot connect).
 */
export async function openClient(url, { applicationName = 'migration-lint', what = 'this command', doing = 'cannot connect to' } = {}) {
  const options = connectionOptions(url);
  const pg = await loadPg(what);
  try {
    return await connect(pg, options, { applicationName });
  } catch (error) {
    throw explain(error, options, doing);
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;
const iso = (value) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));

/**
 * Read `_prisma_migrations` of the database at `url` (in its Prisma schema, `?schema=`, default
 * public) in one read-only transaction: `{ database, rows }` for the core's `migrationStatus`,
 * `rows` null when the table does not exist. Writes nothing, ever.
 */
export async function readDeployed(url, { statementTimeoutMs = 10_000, env } = {}) {
  const options = connectionOptions(url, { env });
  const pg = await loadPg('status');
  let client;
  try {
    client = await connect(pg, options, { applicationName: 'migration-lint status' });
  } catch (error) {
    throw explain(error, options);
  }
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
    const table = `${quoteIdent(options.schema)}._prisma_migrations`;
    const present = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    if (!present.rows[0].present) return { database: options.label, rows: null };
    const { rows } = await client.query(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM ${table} ORDER BY started_at, migration_name`,
    );
    return {
      database: options.label,
      rows: rows.map((row) => ({
        id: String(row.id),
        migrationName: row.migration_name,
        checksum: row.checksum,
        startedAt: iso(row.started_at),
        finishedAt: iso(row.finished_at),
        rolledBackAt: iso(row.rolled_back_at),
        logs: row.logs,
        appliedStepsCount: Number(row.applied_steps_count ?? 0),
      })),
    };
  } catch (error) {
    throw explain(error, options);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end().catch(() => {});
  }
}
