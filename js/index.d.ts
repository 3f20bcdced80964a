// Types of the Node entry (js/index.mjs and js/index.cjs). The data types are declared once, next
// to the Rust structs (src/types.d.ts), and come from the generated pkg/migration_lint.d.ts.
import type { FailOn, Format, MigrationsInput, RenderOptions, Report, RuleMeta } from '../pkg/migration_lint.js';

export type * from './types.js';

export interface CheckSqlOptions {
  /** How findings name the file; `migration.sql` by default. */
  file?: string;
}

/** Check one migration's SQL. */
export function checkSql(sql: string, options?: CheckSqlOptions): Report;

/**
 * Check a Prisma migrations folder: every `<dir>/<name>/migration.sql`, and
 * `<dir>/migration_lock.toml`. Throws an `InputError` naming the path when the folder is missing
 * or a file cannot be read as UTF-8.
 */
export function checkMigrations(dir: string, options?: Record<string, never>): Report;

/** Check a migrations folder already read into plain data. */
export function checkMigrationsInput(input: MigrationsInput): Report;

/** Read a migrations folder into plain data, without checking it. */
export function readMigrationsDir(dir: string): MigrationsInput;

/** Every rule's metadata. */
export function rules(): RuleMeta[];

/** The formats `render` accepts. */
export function formats(): Format[];

/**
 * A report as text (a rustc-style code frame per finding, then a summary line) or JSON. Reports
 * returned by this API remember their files' text for the code frames; pass `sources` otherwise.
 */
export function render(report: Report, format?: Format, options?: RenderOptions): string;

/** A rule's metadata as text; throws for an unknown id. */
export function explain(id: string, options?: { color?: boolean }): string;

/** Whether the report has an unapproved finding at or above `failOn` (default `high`). */
export function failsAt(report: Report, failOn?: FailOn): boolean;

/** A missing folder or an unreadable file. */
export class InputError extends Error {
  /** The path that could not be read. */
  path: string;
}
