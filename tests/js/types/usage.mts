import {
  checkMigrations,
  checkMigrationsInput,
  checkSql,
  failsAt,
  GitError,
  parseConfig,
  readGitBase,
  render,
  rules,
  validateName,
  verifyOrder,
  verifyMigrations,
  migrationStatus,
  DatabaseError,
  withMigrationLock,
  MigrationLockTimeoutError,
  type Config,
  type Finding,
  type MigrationsInput,
  type Report,
  type RuleId,
  type Scope,
  type Severity,
} from '@skillancer/migration-lint';

const report: Report = checkSql('DROP TABLE "Session";', { file: 'a.sql' });
const first: Finding | undefined = report.findings[0];
const line: number | undefined = first?.line;
const severity: Severity | undefined = first?.severity;
const approvedReason: string | undefined = first?.approved?.reason;
const text: string = render(report, 'text', { color: false, sources: { 'a.sql': 'DROP TABLE "Session";' } });
const fails: boolean = failsAt(checkMigrations('prisma/migrations'), 'medium');
const ids: string[] = rules().map((rule) => rule.id);

// @ts-expect-error: formats are a closed set
render(report, 'xml');
// @ts-expect-error: a Finding has no `lineNumber`
first?.lineNumber;
// @ts-expect-error: the threshold is a severity or `never`
failsAt(report, 'critical');

const config: Config = parseConfig('{"base": "origin/main"}');
const againstBase: Report = checkMigrations('prisma/migrations', { base: config.base ?? 'origin/main', all: true, config, now: 0 });
const destructiveOnly: Report = checkMigrations('prisma/migrations', { checks: 'destructive' });
const input: MigrationsInput = {
  dir: 'prisma/migrations',
  migrations: [{ name: '20250101000000_init', sql: 'SELECT 1;' }],
  base: { ref: 'origin/main', mergeBase: [{ name: '20250101000000_init', checksum: 'ab' }] },
  config: { rules: { 'drop-table': 'off' }, naming: { extraVerbs: ['seed'] } },
};
const everything: Report = checkMigrationsInput(input);
const ordered: Report = verifyOrder({ migrations: input.migrations, base: input.base });
const named: Report = validateName('20250101000000_init', { sql: 'SELECT 1;', now: 0, naming: { maxLength: 40 } });
const base = readGitBase('prisma/migrations', 'origin/main');
const shallow: boolean = new GitError().reason === 'shallow';

// @ts-expect-error: the checks are `all` or `destructive`
checkMigrations('prisma/migrations', { checks: 'naming' });
// @ts-expect-error: verifyOrder takes no config
verifyOrder({ migrations: [], config: null });
// @ts-expect-error: a rule level is a severity or `off`
checkMigrationsInput({ migrations: [], config: { rules: { 'drop-table': 'critical' } } });
// @ts-expect-error: rule ids are a closed set (a typo is caught in the config's keys)
checkMigrationsInput({ migrations: [], config: { rules: { 'drop-tabel': 'off' } } });
// @ts-expect-error: and in an approval's rule
const typo: Config = { approvals: [{ migration: 'm', rule: 'drop-colum', reason: 'r' }] };

const rule: RuleId | undefined = first?.rule;
const comment: string | undefined = first?.approve?.via === 'comment' ? first.approve.text : undefined;
const scope: Scope | undefined = everything.scopes?.[0];
const baseline: string | null | undefined = { ...input, baseline: '20250101000000_init' }.baseline;
const hinted: string = render(report, 'compact', { failOn: 'never' });

export { line, severity, approvedReason, text, fails, ids, againstBase, destructiveOnly, everything, ordered, named, base, shallow };
export { typo, rule, comment, scope, baseline, hinted };

// verify: async, with the engine's figures and, on request, the catalog.
const verified = await verifyMigrations('prisma/migrations', { base: 'origin/main', schema: true });
const notVerified: number | undefined = verified.report.verification?.notVerified;
const startMs: number = verified.engine.startMs;
const engineTables: number | undefined = verified.schema?.tables.length;
// @ts-expect-error: verify has no `checks` option
verifyMigrations('prisma/migrations', { checks: 'all' });

// status: async, with what the deployed database holds.
const deployedState = await migrationStatus('prisma/migrations', { databaseUrl: 'postgresql://app@db:5432/app' });
const pendingCount: number | undefined = deployedState.deployed?.[0]?.pending;
const unreachable: boolean = new Error('x') instanceof DatabaseError;
// @ts-expect-error: status has no `base` option
migrationStatus('prisma/migrations', { base: 'origin/main' });
export { pendingCount, unreachable };

// The migration lock: fn's result comes back; the timeout error says who held it.
const locked: number = await withMigrationLock('postgresql://app@db:5432/app', async (client) => (await client.query('SELECT 1')).rows.length, {
  timeoutMs: 5000,
  onWaiting: (holder) => void holder?.pid,
});
const heldBy: number | undefined = new MigrationLockTimeoutError().holder?.pid;
// @ts-expect-error: the timeout option is timeoutMs
withMigrationLock('postgresql://app@db:5432/app', () => 1, { timeout: 5 });
export { locked, heldBy };
