//! migration-lint: guards PostgreSQL migrations written with Prisma Migrate.
//!
//! The public Rust API. No WASM and no I/O here: callers hand in text and get reports back.

pub mod actions;
pub mod approvals;
pub mod config;
pub mod docs;
pub mod finding;
pub mod history;
pub mod lexer;
pub mod naming;
pub mod project;
pub mod render;
pub mod rules;
pub mod scan;
pub mod source;
pub mod sql;

/// The `#[wasm_bindgen]` exports; public so `tests/wasm.rs` can call them as JS would.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Category, Finding, Report, Severity, Summary};
pub use rules::{RuleMeta, RULES};
pub use history::{check_history, verify_order, validate_migrations, HistoryInput};
pub use naming::{check_name, validate_name, NameContext, NameInput, NamingOptions};

/// Check one migration's SQL. `file` is how findings name it.
pub fn check_sql(sql: &str, file: &str) -> Report {
    sql::check(sql, file)
}
