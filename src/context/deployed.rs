//! The deployed database's own record of what it applied (`_prisma_migrations`, read by the JS side
//! in a read-only transaction) next to the migrations folder: what the status rules read. The rows
//! are read as Prisma Migrate reads them: a row with neither `finished_at` nor `rolled_back_at` is a
//! failed migration (`migrate deploy` refuses to run, P3009), a row with `rolled_back_at` does not
//! count as applied, and a local migration with no row that counts is pending.

use std::collections::{HashMap, HashSet};

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

/// A migrations folder against its deployed database, read once: every rule asks the same
/// questions (what is applied, pending, failed), so the answers are worked out here.
pub struct Deployed<'a> {
    pub database: &'a str,
    /// `None`: no `_prisma_migrations` table.
    pub rows: Option<&'a [AppliedRow]>,
    /// The local migrations, in Prisma's order.
    pub local: Vec<&'a Migration>,
    /// For each migration name, the last row that applied it.
    applied: HashMap<&'a str, &'a AppliedRow>,
    /// The failed rows, oldest first.
    pub failed: Vec<&'a AppliedRow>,
    /// The local migrations the next `migrate deploy` applies, in its order: no row applied them
    /// and none failed on them.
    pub pending: Vec<&'a Migration>,
    /// The rows that count as applied whose folder is not here, oldest first (one per name).
    pub missing_locally: Vec<&'a AppliedRow>,
}

impl<'a> Deployed<'a> {
    pub fn new(history: &'a HistoryInput, input: &'a DeployedInput) -> Deployed<'a> {
        let order = prisma_order(history.migrations.iter().map(|m| m.name.as_str()));
        let local: Vec<&Migration> = order.into_iter().map(|index| &history.migrations[index]).collect();
        let rows = input.rows.as_deref().unwrap_or(&[]);
        // Rows are oldest first: a later row that applied a name replaces an earlier one.
        let applied: HashMap<&str, &AppliedRow> =
            rows.iter().filter(|row| row.is_applied()).map(|row| (row.migration_name.as_str(), row)).collect();
        let failed: Vec<&AppliedRow> = rows.iter().filter(|row| row.is_failed()).collect();
        let failed_names: HashSet<&str> = failed.iter().map(|row| row.migration_name.as_str()).collect();
        let local_names: HashSet<&str> = local.iter().map(|m| m.name.as_str()).collect();
        let pending = local
            .iter()
            .copied()
            .filter(|m| !applied.contains_key(m.name.as_str()) && !failed_names.contains(m.name.as_str()))
            .collect();
        let mut seen = HashSet::new();
        let missing_locally = rows
            .iter()
            .filter(|row| row.is_applied() && !local_names.contains(row.migration_name.as_str()))
            .filter(|row| seen.insert(row.migration_name.as_str()))
            .collect();
        Deployed {
            database: &input.database,
            rows: input.rows.as_deref(),
            local,
            applied,
            failed,
            pending,
            missing_locally,
        }
    }

    /// The row that applied migration `name`: the last one that counts.
    pub fn applied(&self, name: &str) -> Option<&'a AppliedRow> {
        self.applied.get(name).copied()
    }

    /// Whether a local migration of this name exists.
    pub fn local(&self, name: &str) -> Option<&'a Migration> {
        self.local.iter().copied().find(|migration| migration.name == name)
    }

    /// The newest applied migration in Prisma's order (by name), if any.
    pub fn newest_applied(&self) -> Option<&'a str> {
        self.applied.keys().copied().max_by(|a, b| compare_names(a, b))
    }
}
