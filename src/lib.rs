//! migration-lint: guards PostgreSQL migrations written with Prisma Migrate.
//!
//! The public Rust API. No WASM and no I/O here: callers hand in text and get reports back.

pub mod actions;
pub mod approvals;
pub mod config;
pub mod docs;
pub mod finding;
pub mod lexer;
pub mod rules;
pub mod scan;
pub mod source;
pub mod sql;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use finding::{Category, Finding, Report, Severity, Summary};
pub use rules::{RuleMeta, RULES};

/// Check one migration's SQL. `file` is how findings name it.
pub fn check_sql(sql: &str, file: &str) -> Report {
    sql::check(sql, file)
}
