//! migration-lint: guards PostgreSQL migrations written with Prisma Migrate.
//!
//! The public Rust API. No WASM and no I/O here: callers hand in text and get reports back.
//!
//! The house, from the bottom up (each layer imports only the layers below it; `tests/layers.rs`
//! checks that no module imports one that imports it back):
//! - `source`, `finding`, `text`: spans and positions, findings and reports, message helpers;
//! - `syntax`: tokens, statements and actions read from SQL (sqlparser, with a token scanner);
//! - `model`: the schema model, the catalog a history builds, replayed as PostgreSQL runs it;
//! - `context`: what rules read: the inputs, one migration's SQL, a folder name, the folder;
//! - `rule`, `rules`: what a rule is, and the one list of rules, one file each;
//! - `config`: the configuration, validated against the rule list;
//! - `render`: reports as text, JSON, GitHub annotations, a Markdown comment or SARIF;
//! - `engine`: the runs that apply the rules and the approvals, and the CLI's run;
//! - `docs`: documents generated from the rules and the config;
//! - `wasm`: the WebAssembly boundary, conversion only.

pub mod config;
pub mod context;
pub mod docs;
pub mod engine;
pub mod finding;
pub mod model;
pub mod render;
pub mod rule;
pub mod rules;
pub mod source;
pub mod syntax;
pub mod text;

/// The `#[wasm_bindgen]` exports; public so `tests/wasm.rs` can call them as JS would.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::{Config, ExternalApproval};
pub use context::input::{Base, BaseMigration, HistoryInput, Migration, NameInput};
pub use context::name::{NameContext, NamingOptions};
pub use engine::folder::{
    check_destructive, check_history, check_migrations, check_name, validate_migrations, validate_name, verify_order,
    MigrationsInput,
};
pub use engine::lint::check as check_sql;
pub use engine::schema::replay_schema;
pub use engine::status::{status as migration_status, StatusInput};
pub use finding::{Category, Finding, Report, Severity, Summary};
pub use model::SchemaOutput;
pub use rule::RuleMeta;
pub use rules::RULES;
