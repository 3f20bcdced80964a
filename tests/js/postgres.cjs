// A throw-away PostgreSQL server for the tests that need a real one: Debian's `postgresql`
// (installed with apt-get when missing, as the playground's tests install chromium), a cluster in
// its own temporary folder, on 127.0.0.1 and a free port, run as the `postgres` user, stopped and
// removed at the end. Nothing outside that folder is touched. Statements are logged with the
// session's application name, so a test can read what a client sent.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const SUPERUSER_PASSWORD = 'postgres-secret-4711';

/** The folder of `initdb` and `pg_ctl`, installing Debian's postgresql when there is none. */
function binDir() {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!fs.existsSync(root)) return null;
    const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    return versions.length ? path.join(root, versions[0], 'bin') : null;
  };
  let found = find();
  if (found === null) {
    if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed and this is not root: apt-get install -y postgresql');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    found = find();
  }
  if (found === null) throw new Error('apt-get installed postgresql, but no initdb is under /usr/lib/postgresql');
  return found;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start a cluster: `{ port, url(user, password, database), query(sql, database), log(), stop() }`.
 * The superuser `postgres` has a password; host connections need one (scram-sha-256). With
 * `ssl: true` the server speaks TLS with a self-signed certificate for 127.0.0.1 and localhost,
 * whose file is `certificate`.
 */
async function startPostgres({ ssl = false } = {}) {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-lint-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`);
  const certificate = path.join(dir, 'server.crt');
  const key = path.join(dir, 'server.key');
  if (ssl) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', certificate], { stdio: 'ignore' });
    fs.chmodSync(key, 0o600);
  }
  const as = (command, args) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, command), args, { stdio: 'pipe' });
  if (root) execFileSync('chown', ['-R', 'postgres', dir]);
  as('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const tls = ssl ? ` -c ssl=on -c ssl_cert_file=${certificate} -c ssl_key_file=${key}` : '';
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c log_statement=all -c log_line_prefix='%a|' -c fsync=off${tls}`;
  as('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', 'start']);
  const url = (user = 'postgres', password = SUPERUSER_PASSWORD, database = 'postgres') =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const { Client } = require('pg');
  /** Run `sql` (one simple query, as Prisma sends a migration) as the superuser; its rows. */
  async function query(sql, database = 'postgres', values) {
    const client = new Client({ connectionString: url('postgres', SUPERUSER_PASSWORD, database), application_name: 'test-setup' });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  }
  return {
    port,
    certificate,
    url,
    query,
    log: () => fs.readFileSync(log, 'utf8'),
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `_prisma_migrations` as Prisma Migrate creates it (schema-engine, PostgreSQL). */
const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

module.exports = { startPostgres, PRISMA_MIGRATIONS_TABLE, SUPERUSER_PASSWORD };
