/* tslint:disable */
/* eslint-disable */
/** How bad a finding is: `low < medium < high`. */
export type Severity = "low" | "medium" | "high";

/** What a finding is about. */
export type Category = "destructive" | "safety" | "naming" | "order" | "parse" | "approval";

/** Why a finding no longer fails the run. */
export interface Approval {
    reason: string;
    /** Where the approval was given: `comment` or `config`. */
    source: string;
}

/** One problem found. Lines and columns are 1-based; columns count Unicode code points. */
export interface Finding {
    /** Rule id, kebab-case, e.g. `drop-column`. */
    rule: string;
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
    sql: string | null;
    /** Every entry of the folder, when listed. */
    files?: string[] | null;
}

/** A migrations folder as plain data. */
export interface MigrationsInput {
    /** How findings name the folder (`prisma/migrations`). */
    dir?: string | null;
    migrations: MigrationInput[];
    /** The text of `migration_lock.toml`; `null` when there is none. */
    lock?: string | null;
}

/** An output format of `render`. */
export type Format = "text" | "json";

/** The `--fail-on` threshold. */
export type FailOn = Severity | "never";

export interface RenderOptions {
    /** Colour the text format with ANSI escapes. */
    color?: boolean;
    /** The text of each checked file, keyed by the findings' `file`, for code frames. */
    sources?: Record<string, string>;
}



/**
 * Check a migrations folder handed in as plain data.
 */
export function checkMigrations(input: MigrationsInput): Report;

/**
 * Check one migration's SQL; `file` is how findings name it.
 */
export function checkSql(sql: string, file: string): Report;

/**
 * A rule's metadata as text, for `--explain`.
 */
export function explain(id: string, color: boolean): string;

/**
 * Whether the report has an unapproved finding at or above `failOn`.
 */
export function failsAt(report: Report, fail_on: FailOn): boolean;

/**
 * The names of the output formats `render` accepts.
 */
export function formats(): Format[];

/**
 * A report as text or JSON.
 */
export function render(report: Report, format: Format, options: RenderOptions | undefined): string;

/**
 * Every rule's metadata, in the order the docs list them.
 */
export function rules(): RuleMeta[];

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly checkMigrations: (a: any) => [number, number, number];
    readonly checkSql: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly explain: (a: number, b: number, c: number) => [number, number, number, number];
    readonly failsAt: (a: any, b: number, c: number) => [number, number, number];
    readonly formats: () => [number, number, number];
    readonly render: (a: any, b: number, c: number, d: any) => [number, number, number, number];
    readonly rules: () => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
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
