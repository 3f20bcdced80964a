/* tslint:disable */
/* eslint-disable */
/** How bad a finding is: `low < medium < high`. */
export type Severity = "low" | "medium" | "high";

/** What a finding is about. */
export type Category = "destructive" | "safety" | "naming" | "order" | "parse" | "approval" | "verify" | "deployed";

/** Why a finding no longer fails the run. */
export interface Approval {
    reason: string;
    /** Where the approval was given: `comment` or `config`. */
    source: string;
}

// rule ids:begin (generated from src/rules by `npm run docs`)
/** Every rule id: configs and approvals key on them, so they are public API. */
export type RuleId =
| "drop-table"
| "drop-column"
| "delete-rows"
| "truncate-table"
| "drop-schema"
| "drop-database"
| "drop-index"
| "drop-constraint"
| "alter-column-type"
| "enum-values-removed"
| "drop-type"
| "drop-view"
| "drop-sequence"
| "drop-function"
| "drop-trigger"
| "drop-object"
| "update-without-where"
| "rename-table"
| "rename-column"
| "add-required-column"
| "set-not-null"
| "add-unique-constraint"
| "create-index-not-concurrently"
| "add-foreign-key"
| "foreign-key-without-index"
| "add-check-constraint"
| "add-primary-key"
| "add-column-volatile-default"
| "concurrently-in-transaction"
| "enum-value-used-in-transaction"
| "unknown-object"
| "parse-error"
| "do-block"
| "unterminated"
| "approval-without-reason"
| "approval-unknown-rule"
| "approval-unused"
| "missing-migration-sql"
| "migration-fails"
| "naming-timestamp"
| "naming-future-timestamp"
| "naming-snake-case"
| "naming-verb"
| "naming-descriptive"
| "naming-table"
| "naming-duplicate"
| "naming-unexpected-file"
| "naming-lock-file"
| "order-duplicate-timestamp"
| "order-dependency"
| "order-before-base"
| "order-edited"
| "order-deleted"
| "order-stale-branch"
| "order-branch-conflict"
| "migration-pending"
| "migration-failed"
| "migration-edited-after-apply"
| "migration-missing-locally"
| "migration-applied-out-of-order"
| "migration-rolled-back";
// rule ids:end

/** Where an approval goes: a comment in the SQL, or the config's `approvals` (deployed migrations). */
export type ApproveVia = "comment" | "config";

/** Exactly what to add to approve a finding, and where. */
export interface HowToApprove {
    via: ApproveVia;
    /** For a comment: the line it goes above (the statement's first line). */
    line?: number;
    /** The comment (`-- migration-lint approve drop-column: <reason>`), or the config entry as JSON. */
    text: string;
}

/** One problem found. Lines and columns are 1-based; columns count Unicode code points. */
export interface Finding {
    /** Rule id, kebab-case, e.g. `drop-column`. */
    rule: RuleId;
    category: Category;
    severity: Severity;
    /** The file (or migration folder) the finding is about, as the caller named it. */
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    /** Byte offsets into the file's UTF-8 text. */
    start: number;
    end: number;
    /** UTF-16 offsets into the file's text: JS string indices. */
    startUtf16: number;
    endUtf16: number;
    /** What was found, naming the objects. */
    message: string;
    /** Why it is risky. */
    why: string;
    /** What to do instead. */
    help: string;
    /** The SQL (or name) the finding points at, trimmed. */
    excerpt: string;
    approved?: Approval;
    /** How to approve it, when it is not approved and an approval would cover it. */
    approve?: HowToApprove;
}

export interface Summary {
    files: number;
    statements: number;
    /** Statements read by the SQL parser. */
    parsed: number;
    /** Statements the parser could not read, classified by the token scanner only. */
    scanned: number;
    /** Unapproved findings by severity. */
    high: number;
    medium: number;
    low: number;
    approved: number;
}

export interface Report {
    findings: Finding[];
    summary: Summary;
    /** What `verify` saw when it applied the history to PostgreSQL; absent when it did not run. */
    verification?: Verification;
    /** For each migrations folder, how its migrations were chosen; absent for loose SQL. */
    scopes?: Scope[];
    /** For each folder `status` compared with its deployed database, what that database holds. */
    deployed?: DeployedState[];
}

/** What a deployed database holds of a folder's migrations, as `status` read it. */
export interface DeployedState {
    /** The migrations folder, as findings name it. */
    dir: string;
    /** `postgresql://user@host:port/database`, never with a password. */
    database: string;
    /** Whether the database has a `_prisma_migrations` table at all. */
    table: boolean;
    applied: number;
    pending: number;
    failed: number;
    missingLocally: number;
}

/** One row of `_prisma_migrations`, as `readDeployed` hands it to `migrationStatusInput`. */
export interface AppliedRow {
    id: string;
    migrationName: string;
    checksum: string;
    startedAt: string;
    finishedAt?: string | null;
    rolledBackAt?: string | null;
    logs?: string | null;
    appliedStepsCount?: number;
}

/** What `readDeployed` read: the database's name and its rows (`null`: no `_prisma_migrations`). */
export interface DeployedInput {
    database: string;
    rows: AppliedRow[] | null;
}

/** The input of `migrationStatusInput`: a folder and what its database holds. */
export interface StatusInput {
    folder: MigrationsInput;
    deployed: DeployedInput;
}

/** What a folder's run compared with: how it chose the migrations whose SQL and names it checked. */
export interface Scope {
    /** The migrations folder, as findings name it. */
    dir: string;
    migrations: number;
    /** Migrations whose SQL and name were checked. */
    checked: number;
    /** The base branch compared with, and the merge-base commit. */
    base?: string;
    mergeBase?: string;
    /** The config's baseline: it and the migrations before it are deployed history. */
    baseline?: string;
    /** `--all`: every migration checked, whatever the base and the baseline. */
    all: boolean;
    /** A defaulted base that was not available, and why. */
    skippedBase?: string;
}

/** The outcome of applying a history to an embedded PostgreSQL (`verify`, `check --verify`). */
export interface Verification {
    /** The server as it names itself: `PostgreSQL 18.6 (PGlite 0.5.14)`. */
    engine: string;
    /** Migrations sent, in Prisma's order. */
    migrations: number;
    applied: number;
    /** Refused by PostgreSQL (deployed ones included: those are notes, not findings). */
    failed: number;
    /** Need an extension the engine does not ship, or fail because such a migration did not apply. */
    notVerified: number;
    /** What is not a finding: a missing extension, a deployed migration that fails from scratch. */
    notes: string[];
}

/** What `verify` needs before it starts (`verifyPlan`). */
export interface VerifyPlan {
    /** Migration names in Prisma's order (folders without migration.sql left out). */
    migrations: string[];
    /** Extensions the history creates (`CREATE EXTENSION`), as PostgreSQL names them. */
    extensions: string[];
}

/** A statement of a migration, in JS string indices, as the engine re-runs it. */
export interface EngineStatement {
    start: number;
    end: number;
    /** Transaction control (`BEGIN`, `COMMIT`, ...). */
    control: boolean;
}

/** PostgreSQL's error for one migration. */
export interface EngineError {
    sqlstate: string | null;
    message: string;
    detail?: string | null;
    hint?: string | null;
    /** 1-based character index into the migration's text, when PostgreSQL gave one. */
    position?: number | null;
    /** Index into `engineStatements(sql)` of the statement that failed when re-run alone. */
    statement?: number | null;
}

/** What the server answered for one migration (`error` absent: it applied). */
export interface EngineOutcome {
    name: string;
    error?: EngineError | null;
}

/** A migrations folder and the engine's answers, for `verifyReport`. */
export interface VerifyInput {
    folder: MigrationsInput;
    outcomes: EngineOutcome[];
    engine: string;
}

/** `verifyReport`'s result: the report, and the refused statements in `SchemaFailure`'s shape. */
export interface Verified {
    report: Report;
    failures: SchemaFailure[];
}

/** A rule's metadata: what `--explain` prints. */
export interface RuleMeta {
    id: string;
    category: Category;
    /** Default severity. */
    severity: Severity;
    summary: string;
    why: string;
    /** What to do instead: the safe pattern, the rollback to write. */
    instead: string;
    /** An example that fires the rule. */
    bad: string;
    /** A close example that does not. */
    good: string;
}

/** One migration folder, as read by the caller. */
export interface MigrationInput {
    /** The folder's name, e.g. `20251208120000_add_user_verification_fields`. */
    name: string;
    /** The text of its `migration.sql`; `null` when the folder has none. */
    sql?: string | null;
    /** Every entry of the folder, when listed (the unexpected-file rule reads them). */
    files?: string[] | null;
}

/**
 * A migration as it is in a commit of the base branch. With neither `sql` nor `checksum` its
 * script is not compared (known unchanged, or known by name only).
 */
export interface BaseMigration {
    name: string;
    /** Prisma's checksum of its `migration.sql` (hex sha256), when the text is not given. */
    checksum?: string | null;
    /** The text of its `migration.sql`. */
    sql?: string | null;
}

/** The base branch: its migrations where this branch forked, and at its tip. */
export interface Base {
    /** How messages name the base (`origin/main`). */
    ref?: string | null;
    /** The merge-base commit, for the summary to name. */
    commit?: string | null;
    /** The migrations at the merge-base of this branch and the base. */
    mergeBase: BaseMigration[];
    /** The migrations at the base's tip; `null` when the same as at the merge-base. */
    baseHead?: BaseMigration[] | null;
}

/** A migrations folder and, optionally, its base branch: the input of `verifyOrder`. */
export interface HistoryInput {
    /** How findings name the folder (`prisma/migrations`): files become `<dir>/<name>/...`. */
    dir?: string | null;
    migrations: MigrationInput[];
    /** The text of `migration_lock.toml`; `null` when there is none. */
    lock?: string | null;
    base?: Base | null;
    /** The current time as unix seconds; without it the future-timestamp rule is skipped. */
    now?: number | null;
    /** With a base, check every migration's SQL and name, not only those new on this branch. */
    all?: boolean;
    /**
     * The newest migration of the deployed history: it and the migrations before it are not
     * checked for SQL and names (`all` overrides). Defaults to the config's `baseline`.
     */
    baseline?: string | null;
    /** A defaulted base that was not available, and why: the summary says so. */
    skippedBase?: string | null;
}

/** What `checkMigrations` checks: a folder, its base branch, and the configuration. */
export interface MigrationsInput extends HistoryInput {
    config?: Config | null;
}

/** One folder name to check, with what is known about the migration. */
export interface NameInput {
    name: string;
    /** The text of its `migration.sql`: the table rule and the suggested name use it. */
    sql?: string | null;
    /** The current time as unix seconds; without it the future-timestamp rule is skipped. */
    now?: number | null;
    /** Whether it is the first migration (`init` is accepted only there); unknown when absent. */
    first?: boolean | null;
}

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = "off" | "low" | "medium" | "high";

/** The naming rules' options: the `naming` key of the configuration. */
export interface NamingConfig {
    /** Verbs a migration name may start with; replaces the default list. */
    verbs?: string[];
    /** Verbs added to the default list. */
    extraVerbs?: string[];
    /** Longest description (the part after `YYYYMMDDHHMMSS_`), in characters. */
    maxLength?: number;
    /** How far in the future a timestamp may be, in minutes. */
    futureToleranceMinutes?: number;
}

/** An approval kept in the configuration, for a migration whose SQL should not change. */
export interface ExternalApproval {
    /** The migration folder's name. */
    migration: string;
    rule: RuleId;
    /** Any line of the approved statement; without it, every finding of `rule` in the migration. */
    line?: number | null;
    reason: string;
}

/** `migration-lint.config.json`, or the `"migrationLint"` key of `package.json`. */
export interface Config {
    "$schema"?: string;
    /** The migrations folder, relative to the config file. */
    migrations?: string;
    /** The git ref new migrations are compared with (e.g. `origin/main`). */
    base?: string;
    /** The newest deployed migration (written by `migration-lint init`): it and those before it are not checked again. */
    baseline?: string;
    failOn?: FailOn;
    rules?: Partial<Record<RuleId, RuleLevel>>;
    naming?: NamingConfig;
    approvals?: ExternalApproval[];
}

/**
 * An output format of `render`: `text` (code frames), `compact` (one `path:line:column:` line per
 * finding), `json` (the report), `github` (GitHub Actions annotations), `markdown` (the
 * pull-request comment), `sarif` (SARIF 2.1.0).
 */
export type Format = "text" | "compact" | "json" | "github" | "markdown" | "sarif";

/** The `--fail-on` threshold. */
export type FailOn = Severity | "never";

export interface RenderOptions {
    /** Colour the text format with ANSI escapes. */
    color?: boolean;
    /** The text of each checked file, keyed by the findings' `file`, for code frames. */
    sources?: Record<string, string>;
    /** The run's threshold: findings at or above it that are not approved say how to approve them (default `high`). */
    failOn?: FailOn;
}

/** What `runFolders` returns: the rendered report, and whether it fails the run at `failOn`. */
export interface RunOutcome {
    output: string;
    fails: boolean;
}

/**
 * The catalog a migrations history builds (`replaySchema`, `migration-lint schema`), in the shape
 * a PostgreSQL server's catalog is read into: `type` as `format_type` prints it, `default` as
 * `pg_get_expr` does (`search_path=public`), `position` 1-based among live columns.
 */
export interface SchemaOutput {
    /** Migrations replayed, in Prisma's order. */
    migrations: number;
    tables: SchemaTable[];
    columns: SchemaColumn[];
    enums: SchemaEnum[];
    indexes: SchemaIndex[];
    constraints: SchemaConstraint[];
    views: SchemaView[];
    sequences: SchemaName[];
    functions: SchemaName[];
    triggers: SchemaTrigger[];
    extensions: string[];
    /** What the model could not follow (`table X`, `type X`, `type of T.c`, `default of T.c`): compare nothing from it. */
    uncertain: string[];
    /** Statements PostgreSQL would refuse at that point of the history. */
    failures: SchemaFailure[];
}

export interface SchemaName {
    schema: string;
    name: string;
}

export interface SchemaTable extends SchemaName {
}

export interface SchemaView extends SchemaName {
    materialized: boolean;
}

export interface SchemaEnum extends SchemaName {
    /** In order. */
    values: string[];
}

export interface SchemaColumn {
    schema: string;
    table: string;
    name: string;
    position: number;
    /** `null` when the model does not name the type. */
    type: string | null;
    not_null: boolean;
    default: string | null;
}

export interface SchemaIndex {
    schema: string;
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
}

/** `type`: `p` primary key, `u` unique, `f` foreign key, `c` check, `x` exclusion. */
export interface SchemaConstraint {
    schema: string;
    table: string;
    name: string;
    type: "p" | "u" | "f" | "c" | "x";
}

export interface SchemaTrigger {
    schema: string;
    table: string;
    name: string;
}

export interface SchemaFailure {
    migration: string;
    /** The statement's first line in the migration's `migration.sql`. */
    line: number;
    /** PostgreSQL's SQLSTATE (`42P01` undefined table, `42703` undefined column, ...). */
    sqlstate: string;
    message: string;
}



export function __wbg_reset_state(): void;

/**
 * The SQL checks of a migrations folder handed in as plain data (`check-destructive`).
 * `input`: a `MigrationsInput`. Returns a `Report`.
 */
export function checkDestructive(input: Uint8Array | number[]): string;

/**
 * Every check of a migrations folder handed in as plain data: SQL, naming, order and history.
 * `input`: a `MigrationsInput`. Returns a `Report`.
 */
export function checkMigrations(input: Uint8Array | number[]): string;

/**
 * Check one migration's SQL (`sql`: its UTF-8 text); `options`: `{"file": name}`, how findings
 * name it. Returns a `Report`.
 */
export function checkSql(sql: Uint8Array | number[], options: Uint8Array | number[]): string;

/**
 * A migration's statements, in JS string indices, for re-running a failed file one at a time.
 */
export function engineStatements(sql: Uint8Array | number[]): string;

/**
 * A rule's metadata as text, for `--explain RULE`; without an id, every rule in one table (id,
 * category, default severity, summary). `request`: `{"id"?, "color"?}`. Returns a JSON string.
 */
export function explain(request: Uint8Array | number[]): string;

/**
 * Whether the report has an unapproved finding at or above `failOn` (a JSON string, one of
 * `thresholds()`). Returns `true` or `false`.
 */
export function failsAt(report: Uint8Array | number[], fail_on: Uint8Array | number[]): string;

/**
 * The names of the output formats `render` accepts (`Format[]`).
 */
export function formats(): string;

/**
 * Keep a large text (UTF-8 bytes) for the next input that names it `{"$text": id}`; its id.
 */
export function keepText(text: Uint8Array | number[]): number;

/**
 * Several reports (of several migrations folders) as one: findings in order, counts added.
 * `reports`: a `Report[]`. Returns a `Report`.
 */
export function mergeReports(reports: Uint8Array | number[]): string;

/**
 * `status`: a migrations folder against its deployed database's `_prisma_migrations`, which the
 * JS side read. `input`: a `StatusInput` (`folder`: a `MigrationsInput`; `deployed`: the database's
 * name and rows). Returns a `Report`.
 */
export function migrationStatus(input: Uint8Array | number[]): string;

/**
 * Validate a configuration (`text`: the text of `migration-lint.config.json`); the error names the
 * bad key and suggests the closest valid one. Returns the `Config`.
 */
export function parseConfig(config: Uint8Array | number[]): string;

/**
 * A report in one of the `formats()`: text, JSON, GitHub annotations, a Markdown comment or SARIF.
 * `report`: a `Report`; `format`: a JSON string; `options`: `RenderOptions`. Returns the output as
 * a JSON string.
 */
export function render(report: Uint8Array | number[], format: Uint8Array | number[], options: Uint8Array | number[]): string;

/**
 * The catalog a migrations folder's history builds, replayed in Prisma's order (`schema`).
 * `input`: a `HistoryInput`; `format`: `"json"` (a `SchemaOutput`) or `"text"` (a JSON string).
 */
export function replaySchema(input: Uint8Array | number[], format: Uint8Array | number[]): string;

/**
 * Every rule's metadata (`RuleMeta[]`), in the order the docs list them.
 */
export function rules(): string;

/**
 * The CLI's run over one or more folders: checks, merged report, rendered output and the exit
 * decision in one call. `request`: a `RunRequest`. Returns a `RunOutcome`.
 */
export function runFolders(request: Uint8Array | number[]): string;

/**
 * `verify` or `check --verify` over folders, merged and rendered in one call.
 */
export function runVerified(request: Uint8Array | number[]): string;

/**
 * The names of the formats `replaySchema` prints in (`SchemaFormat[]`).
 */
export function schemaFormats(): string;

/**
 * The candidate closest to `word` within a few edits (the CLI's "did you mean"), or `null`.
 * `request`: `{"word", "candidates"}`.
 */
export function suggest(request: Uint8Array | number[]): string;

/**
 * The message and location of the panic that trapped the module, once (then `null`). Returns a JSON
 * string or `null`.
 */
export function takePanic(): string;

/**
 * The thresholds `failsAt` and the config's `failOn` accept (`FailOn[]`), strictest last.
 */
export function thresholds(): string;

/**
 * The naming checks of one migration folder name. `input`: a `NameInput`; `naming`: the config's
 * `naming` options, or `null` for the defaults. Returns a `Report`.
 */
export function validateName(input: Uint8Array | number[], naming: Uint8Array | number[]): string;

/**
 * The order and history checks over names, texts and the base branch's lists.
 * `input`: a `HistoryInput`. Returns a `Report`.
 */
export function verifyOrder(input: Uint8Array | number[]): string;

/**
 * `verify`'s plan: the migrations to send to PostgreSQL, in order, and the extensions to load.
 */
export function verifyPlan(input: Uint8Array | number[]): string;

/**
 * The findings and summary from what PostgreSQL answered for each migration.
 */
export function verifyReport(input: Uint8Array | number[]): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly checkDestructive: (a: number, b: number) => [number, number, number, number];
    readonly checkMigrations: (a: number, b: number) => [number, number, number, number];
    readonly checkSql: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly engineStatements: (a: number, b: number) => [number, number, number, number];
    readonly explain: (a: number, b: number) => [number, number, number, number];
    readonly failsAt: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly formats: () => [number, number, number, number];
    readonly keepText: (a: number, b: number) => [number, number, number];
    readonly mergeReports: (a: number, b: number) => [number, number, number, number];
    readonly migrationStatus: (a: number, b: number) => [number, number, number, number];
    readonly parseConfig: (a: number, b: number) => [number, number, number, number];
    readonly render: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number, number];
    readonly replaySchema: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly rules: () => [number, number, number, number];
    readonly runFolders: (a: number, b: number) => [number, number, number, number];
    readonly runVerified: (a: number, b: number) => [number, number, number, number];
    readonly schemaFormats: () => [number, number, number, number];
    readonly suggest: (a: number, b: number) => [number, number, number, number];
    readonly takePanic: () => [number, number, number, number];
    readonly thresholds: () => [number, number, number, number];
    readonly validateName: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly verifyOrder: (a: number, b: number) => [number, number, number, number];
    readonly verifyPlan: (a: number, b: number) => [number, number, number, number];
    readonly verifyReport: (a: number, b: number) => [number, number, number, number];
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
