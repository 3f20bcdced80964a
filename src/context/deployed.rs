//! The deployed database's own record of what it applied (`_prisma_migrations`, read by the JS side
//! in a read-only transaction) next to the migrations folder: what the status rules read. The rows
//! are read as Prisma Migrate reads them: a row with neither `finished_at` nor `rolled_back_at` is a
//! failed migration (`migrate deploy` refuses to run, P3009), a row with `rolled_back_at` does not
//! count as applied, and a local migration with no row that counts is pending.

use serde::Deserialize;

use crate::context::input::{HistoryInput, Migration};
use crate::context::prisma::{compare_names, prisma_order};

/// One row of `_prisma_migrations`, as Prisma writes it; times as ISO 8601 text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppliedRow {
    pub id: String,
    pub migration_name: String,
    pub checksum: String,
    pub started_at: String,
    #[serde(default)]
    pub finished_at: Option<String>,
    #[serde(default)]
    pub rolled_back_at: Option<String>,
    #[serde(default)]
    pub logs: Option<String>,
    #[serde(default)]
    pub applied_steps_count: u32,
}

impl AppliedRow {
    /// Applied, as Prisma counts it: finished and not rolled back.
    pub fn is_applied(&self) -> bool {
        self.finished_at.is_some() && self.rolled_back_at.is_none()
    }

    /// Failed: started, neither finished nor marked rolled back.
    pub fn is_failed(&self) -> bool {
        self.finished_at.is_none() && self.rolled_back_at.is_none()
    }
}

/// What the JS side read from the database.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeployedInput {
    /// The database as messages name it (`postgresql://user@host:5432/db`, never with a password).
    pub database: String,
    /// The rows, oldest first (by `started_at`); `None` when the database has no
    /// `_prisma_migrations` table: nothing was ever deployed there.
    pub rows: Option<Vec<AppliedRow>>,
}

/// A migrations folder against its deployed database.
pub struct Deployed<'a> {
    pub history: &'a HistoryInput,
    pub database: &'a str,
    /// `None`: no `_prisma_migrations` table.
    pub rows: Option<&'a [AppliedRow]>,
    /// The local migrations, in Prisma's order.
    pub local: Vec<&'a Migration>,
}

impl<'a> Deployed<'a> {
    pub fn new(history: &'a HistoryInput, input: &'a DeployedInput) -> Deployed<'a> {
        let order = prisma_order(history.migrations.iter().map(|m| m.name.as_str()));
        Deployed {
            history,
            database: &input.database,
            rows: input.rows.as_deref(),
            local: order.into_iter().map(|index| &history.migrations[index]).collect(),
        }
    }

    fn rows(&self) -> &'a [AppliedRow] {
        self.rows.unwrap_or(&[])
    }

    /// The row that applied migration `name`: the last one that counts.
    pub fn applied(&self, name: &str) -> Option<&'a AppliedRow> {
        self.rows().iter().rev().find(|row| row.migration_name == name && row.is_applied())
    }

    /// The failed rows, oldest first.
    pub fn failed(&self) -> impl Iterator<Item = &'a AppliedRow> + 'a {
        self.rows().iter().filter(|row| row.is_failed())
    }

    /// Whether a local migration of this name exists.
    pub fn local(&self, name: &str) -> Option<&'a Migration> {
        self.local.iter().copied().find(|migration| migration.name == name)
    }

    /// The local migrations the next `migrate deploy` applies, in its order: no row applied them
    /// and none failed on them.
    pub fn pending(&self) -> Vec<&'a Migration> {
        self.local
            .iter()
            .copied()
            .filter(|m| self.applied(&m.name).is_none() && !self.failed().any(|row| row.migration_name == m.name))
            .collect()
    }

    /// The rows that count as applied whose folder is not here, oldest first (one per name).
    pub fn missing_locally(&self) -> Vec<&'a AppliedRow> {
        let mut seen: Vec<&str> = Vec::new();
        self.rows()
            .iter()
            .filter(|row| row.is_applied() && self.local(&row.migration_name).is_none())
            .filter(|row| {
                let new = !seen.contains(&row.migration_name.as_str());
                seen.push(&row.migration_name);
                new
            })
            .collect()
    }

    /// The newest applied migration in Prisma's order (by name), if any.
    pub fn newest_applied(&self) -> Option<&'a str> {
        self.rows()
            .iter()
            .filter(|row| row.is_applied())
            .map(|row| row.migration_name.as_str())
            .max_by(|a, b| compare_names(a, b))
    }

    /// A path for findings, inside the migrations folder.
    pub fn path(&self, name: &str) -> String {
        self.history.path(name)
    }
}
