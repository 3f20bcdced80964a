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

/**
 * An output format of `render`: `text` (code frames), `json` (the report), `github` (GitHub
 * Actions annotations), `markdown` (the pull-request comment), `sarif` (SARIF 2.1.0).
 */
export type Format = "text" | "json" | "github" | "markdown" | "sarif";

/** The `--fail-on` threshold. */
export type FailOn = Severity | "never";

export interface RenderOptions {
  /** Colour the text format with ANSI escapes. */
  color?: boolean;
  /** The text of each checked file, keyed by the findings' `file`, for code frames. */
  sources?: Record<string, string>;
}
