//! What the SQL rules read about one migration: its text, its statements and actions, what the
//! migration itself creates before a statement runs, and, checked in its folder, the schema the
//! earlier migrations built.

use std::collections::{BTreeSet, HashSet};

use crate::model::{Catalog, Key, Known};
use crate::syntax::actions::{ActionKind, Name};
use crate::syntax::analysis::{Analysis, Statement};

/// One migration's SQL, read.
pub struct Script<'a> {
    pub sql: &'a str,
    pub analysis: &'a Analysis,
    /// Tables the migration creates, lowercased: changes to them touch no existing rows.
    created_tables: HashSet<String>,
    /// The schema before this migration, when it is checked in its folder's history.
    pub before: Option<&'a Catalog>,
    /// With a base branch: tables created by migrations new on this branch (not deployed, so empty).
    undeployed: Option<&'a BTreeSet<Key>>,
}

/// Whether a table holds rows running code depends on, as far as the checks know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableState {
    /// Created before this migration and deployed (or, for SQL checked on its own, not created by
    /// it: assumed to exist).
    Existing,
    /// Created by this migration, or with a base by a migration not yet deployed: empty.
    New,
    /// Unknown: absent from the schema (the statement fails; `unknown-object` says so) or changed by
    /// a statement the model could not follow. No lock rule reports from it.
    Unknown,
}

impl<'a> Script<'a> {
    pub fn new(sql: &'a str, analysis: &'a Analysis) -> Script<'a> {
        let created_tables = analysis
            .actions
            .iter()
            .filter_map(|action| match &action.kind {
                ActionKind::CreateTable { table } => Some(table.name.to_lowercase()),
                _ => None,
            })
            .collect();
        Script { sql, analysis, created_tables, before: None, undeployed: None }
    }

    /// The script checked in its folder: `before` is the schema the earlier migrations built;
    /// `undeployed`, with a base, the tables created by migrations new on this branch.
    pub fn in_history(mut self, before: &'a Catalog, undeployed: Option<&'a BTreeSet<Key>>) -> Script<'a> {
        self.before = Some(before);
        self.undeployed = undeployed;
        self
    }

    /// Whether the migration creates `table` itself (so it holds no rows yet).
    pub fn is_new_table(&self, table: &Name) -> bool {
        self.created_tables.contains(&table.name.to_lowercase())
    }

    /// What the checks know of `table` before this migration's statements run.
    pub fn table_state(&self, table: &Name) -> TableState {
        if self.is_new_table(table) {
            return TableState::New;
        }
        let Some(before) = self.before else { return TableState::Existing };
        let key = before.table_key(table.schema.as_deref(), &table.name);
        match before.table_state(&key) {
            Known::Present if self.undeployed.is_some_and(|new| new.contains(&key)) => TableState::New,
            Known::Present => TableState::Existing,
            // A history that starts from a database made otherwise: as for SQL checked on its own.
            _ if before.partial && !before.uncertain.contains_key(&key) => TableState::Existing,
            Known::Absent | Known::Unsure => TableState::Unknown,
        }
    }

    /// The type of `table`.`column` before this migration, as PostgreSQL names it; `None` without
    /// a history, or when the model does not know it for sure.
    pub fn column_type_before(&self, table: &Name, column: &str) -> Option<String> {
        let before = self.before?;
        let key = before.table_key(table.schema.as_deref(), &table.name);
        if before.table_state(&key) != Known::Present {
            return None;
        }
        let entry = before.tables.get(&key)?;
        let column = entry.column(column).or_else(|| entry.column(&column.to_ascii_lowercase()))?;
        column.ty.as_ref().map(|ty| ty.format())
    }

    /// Whether the migration creates a type named `name` (its last part, unquoted) itself.
    pub fn creates_type(&self, name: &str) -> bool {
        self.analysis.actions.iter().any(|a| matches!(&a.kind, ActionKind::CreateType { name: created } if created.name == name))
    }

    /// Whether the migration renames type `from` (to keep its old copy: Prisma's enum rebuild).
    pub fn renames_type(&self, from: &str, to: &str) -> bool {
        self.analysis
            .actions
            .iter()
            .any(|a| matches!(&a.kind, ActionKind::RenameType { name, to: renamed } if name.name == from && renamed == to))
    }

    /// Whether `table` exists with rows before this migration (see [`TableState`]).
    pub fn is_existing_table(&self, table: &Name) -> bool {
        self.table_state(table) == TableState::Existing
    }

    /// How many actions the token scanner found in a statement it read, in words, for the
    /// findings about what could not be parsed.
    pub fn scanned_note(&self, statement: &Statement) -> String {
        let actions = self.analysis.actions.iter().filter(|action| action.statement.start == statement.span.start);
        match actions.count() {
            0 => "no destructive or risky action found by the scan".to_string(),
            1 => "1 action found by the scan is reported separately".to_string(),
            n => format!("{n} actions found by the scan are reported separately"),
        }
    }
}
