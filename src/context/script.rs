//! What the SQL rules read about one migration: its text, its statements and actions, and what
//! the migration itself creates before a statement runs.

use std::collections::HashSet;

use crate::syntax::actions::{ActionKind, Name};
use crate::syntax::analysis::{Analysis, Statement};

/// One migration's SQL, read.
pub struct Script<'a> {
    pub sql: &'a str,
    pub analysis: &'a Analysis,
    /// Tables the migration creates, lowercased: changes to them touch no existing rows.
    created_tables: HashSet<String>,
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
        Script { sql, analysis, created_tables }
    }

    /// Whether the migration creates `table` itself (so it holds no rows yet).
    pub fn is_new_table(&self, table: &Name) -> bool {
        self.created_tables.contains(&table.name.to_lowercase())
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
