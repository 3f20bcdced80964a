// Types of the Node entry (js/index.mjs, for import and require). The data types are declared
// once, next to the Rust structs (src/types.d.ts), and come from the generated
// pkg/migration_lint.d.ts.
import type {
  Base,
  Config,
  DeployedInput,
  StatusInput,
  FailOn,
  Format,
  HistoryInput,
  SchemaOutput,
  MigrationsInput,
  NamingConfig,
  RenderOptions,
  Report,
  RuleMeta,
  RunOutcome,
  EngineStatement,
  Verified,
  VerifyInput,
  VerifyPlan,
} from '../pkg/migration_lint.js';

export type * from './types.js';

export interface CheckSqlOptions {
  /** How findings name the file; `migration.sql` by default. */
  file?: string;
}

/** Check one migration's SQL. */
export function checkSql(sql: string, options?: CheckSqlOptions): Report;

export interface CheckMigrationsOptions {
  /** `all` (default): SQL, naming, order and history; `destructive`: the SQL checks only. */
  checks?: 'all' | 'destructive';
  /**
   * A git ref to compare with (`origin/main`): migrations are read at the merge-base of HEAD and
   * the ref and at the ref's tip. With a base, SQL and names are checked only for migrations new
   * on this branch, unless `all`.
   */
  base?: string | null;
  all?: boolean;
  /** A configuration, e.g. from `parseConfig`; validated again by the core. */
  config?: Config | null;
  /** The current time as unix seconds; the clock's by default. */
  now?: number;
}

/**
 * Check a Prisma migrations folder: every `<dir>/<name>/migration.sql`, the folder names, their
 * order, `<dir>/migration_lock.toml`, and with `base` the history against that branch. Throws an
 * `InputError` naming the path when the folder is missing or a file cannot be read as UTF-8, and a
 * `GitError` when git cannot give the base.
 */
export function checkMigrations(dir: string, options?: CheckMigrationsOptions): Report;

/** Every check of a migrations folder already read into plain data. */
export function checkMigrationsInput(input: MigrationsInput): Report;

/** The SQL checks only (what `check-destructive` runs), over plain data. */
export function checkDestructiveInput(input: MigrationsInput): Report;

/** The order and history checks over names, texts and the base branch's lists. */
export function verifyOrder(input: HistoryInput): Report;

export interface ValidateNameOptions {
  /** The migration's SQL: the table rule and the suggested name use what it does. */
  sql?: string | null;
  /** The current time as unix seconds; without it the future-timestamp rule is skipped. */
  now?: number | null;
  /** Whether it is the first migration (`init` is accepted only there). */
  first?: boolean | null;
  /** As the config's `naming` key. */
  naming?: NamingConfig;
}

/** The naming checks of one migration folder name; findings' `file` is the name. */
export function validateName(name: string, options?: ValidateNameOptions): Report;

/** Validate a configuration's JSON text; throws an Error naming the bad key and suggesting one. */
export function parseConfig(text: string): Config;

/**
 * The catalog the migrations build, replayed in Prisma's order as PostgreSQL runs them (no
 * database): tables, columns (`type` as `format_type` prints it, `default` as `pg_get_expr`),
 * enums, indexes, constraints, views, sequences, functions, triggers; what the model could not
 * follow; the statements PostgreSQL would refuse. `format: 'text'` gives it as text.
 */
export function replaySchema(input: HistoryInput, options?: { format?: 'json' }): SchemaOutput;
export function replaySchema(input: HistoryInput, options: { format: 'text' }): string;

/** Read a migrations folder into plain data, without checking it. */
export function readMigrationsDir(dir: string): MigrationsInput;

/** Read the base branch `ref` of the migrations folder `dir` from git. Throws a `GitError`. */
export function readGitBase(dir: string, ref: string): Base;

/** Every rule's metadata. */
export function rules(): RuleMeta[];

/**
 * One run over migrations folders, as the CLI makes it: every check (`command: 'check'`) or the SQL
 * checks (`'check-destructive'`), merged, rendered in `format`, and whether it fails at `failOn`.
 */
export function runFolders(request: {
  folders: MigrationsInput[];
  command?: 'check' | 'check-destructive';
  format?: Format;
  failOn?: FailOn;
  color?: boolean;
}): RunOutcome;

/** Several reports (of several migrations folders) as one: findings in order, counts added. */
export function mergeReports(reports: Report[]): Report;

/** The formats `render` accepts. */
export function formats(): Format[];

/** The formats `replaySchema` prints in: `text`, `json`. */
export function schemaFormats(): Array<'text' | 'json'>;

/** The thresholds `failsAt` accepts, as the config's `failOn` does: `high`, `medium`, `low`, `never`. */
export function thresholds(): FailOn[];

/**
 * A report in one of `formats()`: text (a heading per migration, a rustc-style code frame per
 * finding, then a summary line that names what was compared), compact, JSON, GitHub annotations,
 * the markdown PR comment or SARIF. Reports returned by this API remember their files' text for
 * the code frames; pass `sources` otherwise. Findings at or above `failOn` (default `high`) that
 * are not approved say how to approve them.
 */
export function render(report: Report, format?: Format, options?: RenderOptions): string;

/** A rule's metadata as text; without an id, every rule, one line each. Throws for an unknown id. */
export function explain(id?: string, options?: { color?: boolean }): string;

/** The candidate closest to `word` within a few edits (a "did you mean"), or null. */
export function suggest(word: string, candidates: string[]): string | null;

/** Whether the report has an unapproved finding at or above `failOn` (default `high`). */
export function failsAt(report: Report, failOn?: FailOn): boolean;

export interface VerifyMigrationsOptions {
  /**
   * A git ref (`origin/main`): migrations on the merge-base are deployed history, and their
   * failures are notes (drift outside the migrations), not findings, unless `all`.
   */
  base?: string | null;
  all?: boolean;
  /** A configuration: its levels and approvals apply to `migration-fails`. */
  config?: Config | null;
  /** Also read back the catalog PostgreSQL holds after the history. */
  schema?: boolean;
}

export interface EngineRun {
  /** `PostgreSQL 18.6 (PGlite 0.5.14)`. */
  version: string;
  /** Starting a fresh server (a clone of one kept per process after the first). */
  startMs: number;
  /** Applying every migration. */
  applyMs: number;
  migrations: number;
}

export interface VerifyResult {
  report: Report;
  engine: EngineRun;
  /** With `schema: true`: the engine's catalog, in `replaySchema`'s shape. */
  schema?: SchemaOutput;
}

/**
 * Apply a migrations folder to a fresh embedded PostgreSQL (PGlite, an optional dependency; an
 * `EngineMissingError` says how to install it) as `prisma migrate deploy` does, going on past
 * failures, and report each migration PostgreSQL refuses (`migration-fails`).
 */
export function verifyMigrations(dir: string, options?: VerifyMigrationsOptions): Promise<VerifyResult>;

/** `verifyMigrations` over a folder already read into plain data. */
export function verifyMigrationsInput(input: MigrationsInput, options?: { schema?: boolean }): Promise<VerifyResult>;

export interface MigrationStatusOptions {
  /** The deployed database (default: `DATABASE_URL`); read with node-postgres (`pg`), an optional dependency. */
  databaseUrl?: string;
  /** The configuration (levels of the status rules). */
  config?: Config | null;
  /** How long reading `_prisma_migrations` may take (default 10,000 ms). */
  statementTimeoutMs?: number;
}

/**
 * `status`: the migrations folder `dir` against the `_prisma_migrations` of its deployed database,
 * read in one read-only transaction. The report's findings say what is pending, failed, edited after
 * it was applied, missing locally, out of order or rolled back; `report.deployed` what it holds.
 * Rejects with an `InputError` for the folder and a `DatabaseError` (no password) for the database.
 */
export function migrationStatus(dir: string, options?: MigrationStatusOptions): Promise<Report>;

/** `migrationStatus` over a folder already read and rows already read (`readDeployed`). */
export function migrationStatusInput(input: StatusInput): Report;

/**
 * Read `_prisma_migrations` of the database at `url` (libpq's URL rules, `sslmode` included; Prisma's
 * `?schema=`) in one read-only transaction; `rows` is null when the table does not exist.
 */
export function readDeployed(url: string, options?: { statementTimeoutMs?: number; env?: Record<string, string | undefined> }): Promise<DeployedInput>;

/** The advisory lock key Prisma Migrate takes (`pg_advisory_lock(72707369)`). */
export const PRISMA_MIGRATE_LOCK: 72707369;

/** Who holds an advisory lock, from `pg_locks` and `pg_stat_activity`. */
export interface LockHolder {
  pid: number;
  applicationName: string;
  user: string;
  /** ISO time its transaction (or session) began. */
  since: string | null;
  state: string | null;
  query: string | null;
}

export interface MigrationLockOptions {
  /** The advisory lock key (default: Prisma Migrate's, so `migrate deploy` and `fn` exclude each other). */
  key?: number;
  /** How long to wait for the lock (default 10,000 ms, as Prisma Migrate waits); waits with `lock_timeout`. */
  timeoutMs?: number;
  /** Called once when another session holds the lock, with who it is. */
  onWaiting?: (holder: LockHolder | null) => void | Promise<void>;
  /** Allow a URL that looks like a transaction-mode pooler: only for a pooler in session mode. */
  sessionPooler?: boolean;
  /** With a Prisma client target: how long `fn`'s transaction may run (default 600,000 ms). */
  transactionTimeoutMs?: number;
}

/** A connection `withMigrationLock` runs `fn` on (node-postgres's `pg.Client` or pooled client). */
export interface LockedClient {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/**
 * Run `fn(client)` holding Prisma Migrate's advisory lock on ONE connection, from before `fn`
 * starts until it returns or throws. `target`: a connection string (a dedicated connection), a
 * `pg.Pool` (one client checked out for the whole of `fn`), a connected `pg.Client`, or a Prisma
 * client (a transaction-level lock inside an interactive `$transaction`; `fn` gets the transaction
 * client and runs in that one transaction). Rejects with a `MigrationLockTimeoutError` naming the
 * holder when the lock stays held past `timeoutMs`.
 */
export function withMigrationLock<T>(target: string | object, fn: (client: LockedClient) => T | Promise<T>, options?: MigrationLockOptions): Promise<T>;

/** Who holds the migration lock on the database at `url`, or null. */
export function migrationLockHolder(url: string, options?: { key?: number }): Promise<LockHolder | null>;

/** `verify`'s plan for a folder: Prisma's order and the extensions the history creates. */
export function verifyPlan(input: HistoryInput): VerifyPlan;

/** A migration's statements in string indices, as the engine re-runs a failed file. */
export function engineStatements(sql: string): EngineStatement[];

/** The report of what PostgreSQL answered for each migration. */
export function verifyReport(input: VerifyInput): Verified;

/** `runFolders` for `verify` or `check --verify` over the engine's answers. */
export function runVerified(request: {
  folders: VerifyInput[];
  command?: 'verify' | 'check' | 'check-destructive';
  format?: Format;
  failOn?: FailOn;
  color?: boolean;
}): RunOutcome;

/** The extension names `verify` can load (PGlite's contrib and pgvector). */
export function shippedExtensions(): string[];

/** PGlite is not installed. */
export class EngineMissingError extends Error {}

/** A missing folder or an unreadable file. */
export class InputError extends Error {
  /** The path that could not be read. */
  path: string;
}

/** The deployed database could not be reached or read: the message names it, never its password. */
export class DatabaseError extends InputError {}

/** The migration lock stayed held past the timeout; `holder` is who held it. */
export class MigrationLockTimeoutError extends DatabaseError {
  holder: LockHolder | null;
}

/** Git could not give the base branch. */
export class GitError extends InputError {
  reason: 'no-git' | 'not-a-repo' | 'no-commits' | 'bad-ref' | 'shallow' | 'unrelated' | 'failed';
}
