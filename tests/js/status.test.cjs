// `status` against a real PostgreSQL server (a throw-away cluster, tests/js/postgres.cjs): a real
// history from the shared corpus applied as `prisma migrate deploy` applies it (each migration.sql
// as one query, its `_prisma_migrations` row written before and finished after, checksum = sha256
// of the file's bytes), with injected cases: an applied file edited, one re-saved with CRLF (not an
// edit), an applied folder deleted locally, a failed row, a rolled-back row later applied again, a
// late branch's migration that sorts before applied ones, the rest pending. Then an empty database,
// every connection failure, and proof that status writes nothing.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, runCli, tempDir } = require('./helpers.cjs');
const { startPostgres, PRISMA_MIGRATIONS_TABLE, SUPERUSER_PASSWORD } = require('./postgres.cjs');

const CORPUS = path.resolve(ROOT, '../shared/corpus/hoppscotch__hoppscotch');
const withCorpus = fs.existsSync(CORPUS) ? describe : describe.skip;

let pg;
beforeAll(async () => {
  pg = await startPostgres();
}, 180_000);
afterAll(() => pg?.stop());

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Apply `names` of folder `dir` to database `db` as `prisma migrate deploy` does. */
async function deploy(db, dir, names) {
  await pg.query(PRISMA_MIGRATIONS_TABLE, db);
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(dir, name, 'migration.sql'));
    const id = crypto.randomUUID();
    await pg.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)',
      db,
      [id, sha256(bytes), name],
    );
    await pg.query(bytes.toString('utf8'), db);
    await pg.query('UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1', db, [id]);
  }
}

const rulesOf = (report) => report.findings.map((f) => `${f.rule} ${path.basename(f.file)}`).sort();

withCorpus('status on a real history with every injected case', () => {
  let dir;
  let names;
  let url;
  beforeAll(async () => {
    dir = path.join(tempDir(), 'migrations');
    fs.cpSync(CORPUS, dir, { recursive: true });
    names = fs.readdirSync(dir).filter((name) => /^\d{14}_/.test(name)).sort();
    expect(names.length).toBeGreaterThanOrEqual(20);
    await pg.query('CREATE DATABASE app');
    const applied = names.slice(0, 16);
    await deploy('app', dir, applied);
    // names[1] failed once, was marked rolled back, and a later deploy applied it.
    await pg.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, rolled_back_at, logs, applied_steps_count)
       VALUES ($1, $2, $3, '2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', 'Database error: deadlock detected', 0)`,
      'app',
      [crypto.randomUUID(), sha256(fs.readFileSync(path.join(dir, names[1], 'migration.sql'))), names[1]],
    );
    // names[16] failed on the database and nobody resolved it.
    await pg.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), $4, 0)`,
      'app',
      [
        crypto.randomUUID(),
        sha256(fs.readFileSync(path.join(dir, names[16], 'migration.sql'))),
        names[16],
        'Database error code: 23505\n\nDatabase error:\nERROR: could not create unique index "Doc_slug_key"',
      ],
    );
    // Locally, after the deploy: an applied file edited, one re-saved with CRLF, one folder deleted,
    // and a migration from a branch merged late.
    fs.appendFileSync(path.join(dir, names[2], 'migration.sql'), '\nALTER TABLE "User" ADD COLUMN "edited" TEXT;\n');
    const crlf = path.join(dir, names[3], 'migration.sql');
    fs.writeFileSync(crlf, fs.readFileSync(crlf, 'utf8').replace(/\r?\n/g, '\r\n'));
    fs.rmSync(path.join(dir, names[4]), { recursive: true });
    const late = `${names[8].slice(0, 8)}000001_add_note_to_user`;
    fs.mkdirSync(path.join(dir, late));
    fs.writeFileSync(path.join(dir, late, 'migration.sql'), 'ALTER TABLE "User" ADD COLUMN "note" TEXT;\n');
    url = pg.url('postgres', SUPERUSER_PASSWORD, 'app');
  }, 120_000);

  test('reports exactly the injected cases, and exits 1 on the high ones', () => {
    const late = fs.readdirSync(dir).find((name) => name.endsWith('_add_note_to_user'));
    const { code, stdout, stderr } = runCli(['status', dir, '--database-url', url, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(rulesOf(report)).toEqual(
      [
        `migration-edited-after-apply ${names[2]}`,
        `migration-missing-locally ${names[4]}`,
        `migration-rolled-back ${names[1]}`,
        `migration-failed ${names[16]}`,
        `migration-applied-out-of-order ${late}`,
        `migration-pending ${late}`,
        ...names.slice(17).map((name) => `migration-pending ${name}`),
      ].sort(),
    );
    const failed = report.findings.find((f) => f.rule === 'migration-failed');
    expect(failed.help).toContain('could not create unique index');
    expect(failed.help).toContain(`prisma migrate resolve --rolled-back ${names[16]}`);
    expect(failed.help).toContain(`prisma migrate resolve --applied ${names[16]}`);
    const pending = report.findings.filter((f) => f.rule === 'migration-pending').map((f) => path.basename(f.file));
    // In Prisma's order: the late branch first.
    expect(pending).toEqual([late, ...names.slice(17)]);
    expect(report.deployed).toEqual([
      { dir, database: `postgresql://postgres@127.0.0.1:${pg.port}/app`, table: true, applied: 15, pending: 5, failed: 1, missingLocally: 1 },
    ]);
    expect(stdout).not.toContain(SUPERUSER_PASSWORD);
  });

  test('the text report ends with what the database holds, without the password', () => {
    const { code, stdout } = runCli(['status', dir, '--database-url', url]);
    expect(code).toBe(1);
    expect(stdout).toContain(`postgresql://postgres@127.0.0.1:${pg.port}/app: 15 applied, 5 pending, 1 failed, 1 applied but missing locally`);
    expect(stdout).toMatch(/10 findings: 3 high, 1 medium, 6 low/);
    expect(stdout).not.toContain(SUPERUSER_PASSWORD);
  });

  test('writes nothing: a read-only transaction of SELECTs, and the rows are unchanged', async () => {
    const before = await pg.query('SELECT * FROM "_prisma_migrations" ORDER BY id', 'app');
    const tables = await pg.query("SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace", 'app');
    const logBefore = pg.log().length;
    expect(runCli(['status', dir, '--database-url', url, '--format', 'json']).code).toBe(1);
    const sent = pg
      .log()
      .slice(logBefore)
      .split('\n')
      .map((line) => /^migration-lint status\|LOG: {2}(?:statement|execute [^:]*): (.*)$/.exec(line)?.[1])
      .filter(Boolean)
      .map((statement) => statement.replace(/\s+/g, ' ').trim());
    expect(sent.length).toBe(5);
    expect(sent[0]).toBe('BEGIN READ ONLY');
    expect(sent[1]).toBe('SET LOCAL statement_timeout = 10000');
    expect(sent.slice(2, 4).every((statement) => statement.startsWith('SELECT '))).toBe(true);
    expect(sent[4]).toBe('ROLLBACK');
    expect(await pg.query('SELECT * FROM "_prisma_migrations" ORDER BY id', 'app')).toEqual(before);
    expect(await pg.query("SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace", 'app')).toEqual(tables);
  });

  test('check --database-url adds the status findings to the check report', () => {
    const { stdout } = runCli(['check-destructive', dir, '--database-url', url, '--format', 'json', '--all']);
    const report = JSON.parse(stdout);
    expect(report.findings.some((f) => f.rule === 'migration-failed')).toBe(true);
    expect(report.findings.some((f) => f.category === 'destructive' || f.category === 'safety')).toBe(true);
    expect(report.deployed).toHaveLength(1);
  });

  test('the Node API reads the same', async () => {
    const { migrationStatus } = await import('../../js/index.mjs');
    const report = await migrationStatus(dir, { databaseUrl: url });
    expect(report.findings.filter((f) => f.severity === 'high').length).toBe(3);
    expect(report.deployed[0].applied).toBe(15);
  });
});

describe('status on an empty database and on bad connections', () => {
  let dir;
  beforeAll(async () => {
    dir = path.join(tempDir(), 'migrations');
    fs.mkdirSync(dir);
    for (const name of ['20250101000000_create_user_table', '20250102000000_add_email_to_user']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'migration.sql'), 'SELECT 1;\n');
    }
    await pg.query('CREATE DATABASE empty');
    await pg.query("CREATE ROLE reader LOGIN PASSWORD 'reader-pw-99'");
    await pg.query('CREATE DATABASE guarded');
    await pg.query(PRISMA_MIGRATIONS_TABLE, 'guarded');
    await pg.query('REVOKE ALL ON "_prisma_migrations" FROM PUBLIC', 'guarded');
  }, 60_000);

  test('a database without _prisma_migrations has everything pending and says so plainly; exit 0', () => {
    const { code, stdout } = runCli(['status', dir, '--database-url', pg.url('postgres', SUPERUSER_PASSWORD, 'empty')]);
    expect(code).toBe(0);
    expect(stdout).toContain('has no `_prisma_migrations` table: nothing was ever deployed there');
    expect(stdout).toContain(`postgresql://postgres@127.0.0.1:${pg.port}/empty: no _prisma_migrations table, nothing deployed yet; 2 migrations pending`);
  });

  test('the URL comes from DATABASE_URL, or the variable the config names', () => {
    const url = pg.url('postgres', SUPERUSER_PASSWORD, 'empty');
    expect(runCli(['status', dir], { env: { DATABASE_URL: url } }).code).toBe(0);
    const config = path.join(path.dirname(dir), 'migration-lint.config.json');
    fs.writeFileSync(config, JSON.stringify({ databaseUrlEnv: 'PAYMENTS_DATABASE_URL' }));
    try {
      const missing = runCli(['status', dir, '--config', config], { env: { DATABASE_URL: url } });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('set PAYMENTS_DATABASE_URL');
      expect(runCli(['status', dir, '--config', config], { env: { PAYMENTS_DATABASE_URL: url } }).code).toBe(0);
    } finally {
      fs.rmSync(config);
    }
  });

  const failures = [
    ['refused connection', () => `postgresql://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:1/app`, /connection refused at 127\.0\.0\.1:1/],
    ['wrong password', () => pg.url('postgres', 'not-the-password', 'empty'), /password authentication failed for user postgres/],
    ['missing database', () => pg.url('postgres', SUPERUSER_PASSWORD, 'nope'), /database nope does not exist/],
    ['a role without access to _prisma_migrations', () => pg.url('reader', 'reader-pw-99', 'guarded'), /user reader may not read _prisma_migrations/],
    ['an unknown host', () => `postgresql://postgres:${SUPERUSER_PASSWORD}@no-such-host.invalid:5432/app?connect_timeout=2`, /host no-such-host\.invalid not found|no answer from/],
    ['a URL that is not one', () => 'definitely not a url', /the database URL is not a URL/],
  ];
  test.each(failures)('%s: exit 2, one line naming it, never the password', (_, url, reason) => {
    const { code, stdout, stderr } = runCli(['status', dir, '--database-url', url()]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(reason);
    expect(stderr).not.toMatch(/secret|not-the-password|reader-pw/);
  }, 20_000);

  test('without node-postgres installed: exit 2 with the line that installs it', () => {
    const copy = tempDir();
    for (const part of ['js', 'pkg', 'package.json']) fs.cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    const { spawnSync } = require('node:child_process');
    const result = spawnSync(process.execPath, [path.join(copy, 'js/cli.js'), 'status', dir, '--database-url', pg.url()], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('migration-lint: status needs node-postgres, an optional dependency that is not installed: npm install pg');
  });
});

// libpq's sslmode, against a server without TLS (the one above) and one with a self-signed
// certificate: what connects, and what is refused with the reason.
describe('sslmode as libpq reads it', () => {
  let tlsServer;
  let dir;
  beforeAll(async () => {
    tlsServer = await startPostgres({ ssl: true });
    dir = path.join(tempDir(), 'migrations');
    fs.mkdirSync(path.join(dir, '20250101000000_create_user_table'), { recursive: true });
    fs.writeFileSync(path.join(dir, '20250101000000_create_user_table', 'migration.sql'), 'SELECT 1;\n');
  }, 60_000);
  afterAll(() => tlsServer?.stop());

  const status = (url) => runCli(['status', dir, '--database-url', url]);
  const withMode = (url, query) => `${url}?${query}`;

  test('without TLS on the server: disable, allow and prefer connect, require is refused with the reason', () => {
    expect(status(withMode(pg.url(), 'sslmode=disable')).code).toBe(0);
    expect(status(withMode(pg.url(), 'sslmode=prefer')).code).toBe(0);
    expect(status(withMode(pg.url(), 'sslmode=allow')).code).toBe(0);
    const required = status(withMode(pg.url(), 'sslmode=require'));
    expect(required.code).toBe(2);
    expect(required.stderr).toMatch(/the server does not support SSL, which sslmode=require requires/);
  });

  test('with a self-signed certificate: require connects unverified, verify-ca and verify-full need its root', () => {
    const url = tlsServer.url();
    expect(status(withMode(url, 'sslmode=require')).code).toBe(0);
    for (const mode of ['verify-ca', 'verify-full']) {
      const refused = status(withMode(url, `sslmode=${mode}`));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`the server's certificate was refused \\(sslmode=${mode}\\)`));
      expect(refused.stderr).not.toContain(SUPERUSER_PASSWORD);
      expect(status(withMode(url, `sslmode=${mode}&sslrootcert=${encodeURIComponent(tlsServer.certificate)}`)).code).toBe(0);
    }
    // An unknown sslmode is a usage error naming the valid ones.
    const unknown = status(withMode(url, 'sslmode=sometimes'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown sslmode=sometimes in the database URL: expected one of disable, allow, prefer, require, verify-ca, verify-full');
  });
});

describe('usage around --database-url', () => {
  test('a URL among the folders is refused without echoing it; --database-url with --verify, schema or two folders is refused', () => {
    const secret = 'postgresql://app:hunter2-secret@db.example:5432/app';
    for (const args of [
      ['status', secret],
      ['check', secret],
      ['schema', '--database-url', secret],
      ['check', '--verify', '--database-url', secret],
      ['status', 'a', 'b', '--database-url', secret],
    ]) {
      const { code, stdout, stderr } = runCli(args);
      expect({ args, code, stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(stderr).not.toContain('hunter2');
      expect(stderr).toMatch(/database URL|--database-url/);
    }
  });
});
