//! What the SQL rules read about one migration: its text, its statements and actions, what the
//! migration itself creates before a statement runs, and, checked in its folder, the schema the
//! earlier migrations built.

use std::cell::OnceCell;
use std::collections::HashSet;

use crate::context::folder::Replayed;
use crate::model::{Before, Constraint, Failure, Index, Key, Known};
use crate::source::Span;
use crate::syntax::actions::{Action, ActionKind, ConstraintKind, Ident, Name};
use crate::syntax::analysis::{Analysis, Statement};
use crate::syntax::lexer::{tokens_from, Token};

/// One migration's SQL, read.
pub struct Script<'a> {
    pub sql: &'a str,
    pub analysis: &'a Analysis,
    /// Tables the migration creates: changes to them touch no existing rows.
    created_tables: HashSet<&'a Name>,
    /// What the replay knows of this migration, when it is checked in its folder's history.
    history: Option<Replayed<'a>>,
    /// What the statements create by name, read on first use.
    created: OnceCell<Vec<(usize, &'static str, Ident)>>,
    /// [`Script::enum_rebuilds`], read on first use.
    rebuilds: OnceCell<Vec<(&'a Ident, &'a Ident, &'a Ident)>>,
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
                ActionKind::CreateTable { table } => Some(table),
                _ => None,
            })
            .collect();
        Script { sql, analysis, created_tables, history: None, created: OnceCell::new(), rebuilds: OnceCell::new() }
    }

    /// The script checked in its folder, with what the replay knows of it.
    pub fn in_history(mut self, replayed: Replayed<'a>) -> Script<'a> {
        self.history = Some(replayed);
        self
    }

    /// The schema before this migration, when it is checked in its folder's history.
    pub fn before(&self) -> Option<Before<'a>> {
        self.history.map(|history| history.before)
    }

    /// The first statement of this migration PostgreSQL would refuse, by the schema model.
    pub fn refused(&self) -> Option<&'a Failure> {
        self.history.and_then(|history| history.refused)
    }

    /// Whether the migration creates `table` itself (so it holds no rows yet).
    fn is_new_table(&self, table: &Name) -> bool {
        self.created_tables.contains(table)
    }

    /// What the checks know of `table` before this migration's statements run.
    pub fn table_state(&self, table: &Name) -> TableState {
        if self.is_new_table(table) {
            return TableState::New;
        }
        let Some(before) = self.before() else { return TableState::Existing };
        let key = Key::of_name(table);
        match before.table_state(&key) {
            Known::Present if self.history.is_some_and(|history| history.undeployed.contains(&key)) => TableState::New,
            Known::Present => TableState::Existing,
            // A history that starts from a database made otherwise: as for SQL checked on its own.
            _ if before.partial() && !before.is_uncertain(&key) => TableState::Existing,
            Known::Absent | Known::Unsure => TableState::Unknown,
        }
    }

    /// The type of `table`.`column` before this migration, as PostgreSQL names it; `None` without
    /// a history, or when the model does not know it for sure.
    pub fn column_type_before(&self, table: &Name, column: &Ident) -> Option<String> {
        let before = self.before()?;
        let key = Key::of_name(table);
        if before.table_state(&key) != Known::Present {
            return None;
        }
        let column = before.table(&key)?.column(&column.stored())?;
        column.ty.as_ref().map(|ty| ty.format())
    }

    /// Whether the migration creates a type named `name` (its last part) itself.
    fn creates_type(&self, name: &Ident) -> bool {
        self.analysis
            .actions
            .iter()
            .any(|a| matches!(&a.kind, ActionKind::CreateType { name: created } if created.name == *name))
    }

    /// Prisma's enum rebuilds in this migration, each as (new copy, enum, old copy): a type
    /// created as `new` and renamed to `enum`, whose former copy is renamed to `old` (and then
    /// dropped). What a rebuild loses is `enum-values-removed`'s. Only in a history (on its own,
    /// nothing says what the old type held): empty otherwise. Read once, on first use.
    pub fn enum_rebuilds(&self) -> &[(&'a Ident, &'a Ident, &'a Ident)] {
        self.rebuilds.get_or_init(|| {
            if self.history.is_none() {
                return Vec::new();
            }
            let renames: Vec<(&Ident, &Ident)> = self
                .analysis
                .actions
                .iter()
                .filter_map(|a| match &a.kind {
                    ActionKind::RenameType { name, to } => Some((&name.name, to)),
                    _ => None,
                })
                .collect();
            renames
                .iter()
                .filter(|(new, _)| self.creates_type(new))
                .filter_map(|&(new, target)| {
                    renames.iter().find(|(from, _)| *from == target).map(|&(_, old)| (new, target, old))
                })
                .collect()
        })
    }

    /// Constraint `name` of `table` as the schema before this migration has it.
    pub fn constraint_before(&self, table: &Name, name: &Ident) -> Option<&'a Constraint> {
        self.before()?.table(&Key::of_name(table))?.constraint(&name.stored())
    }

    /// Index `name` as the schema before this migration has it.
    pub fn index_before(&self, name: &Name) -> Option<&'a Index> {
        self.before()?.index(&Key::of_name(name))
    }

    /// The columns an `UPDATE`'s `SET` assigns (`SET "a" = 1, b = 2`), from its clause's tokens;
    /// `None` when the clause does not read as a plain list.
    pub fn set_columns(&self, action: &Action) -> Option<Vec<Ident>> {
        let tokens: Vec<Token> = self.tokens_in(action.span).collect();
        let set = tokens.iter().position(|t| t.is(self.sql, "SET"))?;
        let mut columns = Vec::new();
        let mut depth = 0usize;
        let list = &tokens[set + 1..];
        for (i, token) in list.iter().enumerate() {
            match token.kind {
                crate::syntax::lexer::Kind::Punct('(') => depth += 1,
                crate::syntax::lexer::Kind::Punct(')') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0
                && (token.is(self.sql, "FROM") || token.is(self.sql, "RETURNING") || token.is(self.sql, "WHERE"))
            {
                break;
            }
            let starts_item = i == 0 || (depth == 0 && list[i - 1].is_punct(','));
            if starts_item {
                if list.get(i + 1).is_some_and(|next| next.is_punct('=')) {
                    columns.push(token.ident(self.sql)?);
                } else {
                    return None;
                }
            }
        }
        Some(columns)
    }

    /// The code tokens (comments left out) that start within `span`, lexed again from the start of
    /// the statement holding it (the analysis keeps no tokens: see [`Analysis::comments`]), so
    /// they are the tokens of the file, not of text inside a string.
    pub fn tokens_in(&self, span: Span) -> impl Iterator<Item = Token> + 'a {
        let statements = &self.analysis.statements;
        let holding = statements.partition_point(|s| s.span.start <= span.start).checked_sub(1);
        let from = holding.map_or(0, |i| statements[i].span.start);
        tokens_from(self.sql, from)
            .filter(|t| !t.is_comment())
            .skip_while(move |t| t.span.start < span.start)
            .take_while(move |t| t.span.start < span.end)
    }

    /// The actions after `action` in this migration (the analysis keeps them in order of position).
    pub fn after<'s>(&'s self, action: &'s Action) -> impl Iterator<Item = &'s Action> + 's {
        let actions = &self.analysis.actions;
        actions[actions.partition_point(|other| other.span.start <= action.span.start)..].iter()
    }

    /// The actions before `action` in this migration.
    pub fn before_action<'s>(&'s self, action: &'s Action) -> impl Iterator<Item = &'s Action> + 's {
        let actions = &self.analysis.actions;
        actions[..actions.partition_point(|other| other.span.start < action.span.start)].iter()
    }

    /// Whether this migration drops `table` after `action`.
    pub fn drops_table_after(&self, action: &Action, table: &Name) -> bool {
        self.after(action).any(|a| matches!(&a.kind, ActionKind::DropTable { table: t, .. } if t == table))
    }

    /// Whether this migration drops column `column` (its name as stored, as the schema model has
    /// it) of `table` (anywhere in it).
    pub fn drops_column(&self, table: &Name, column: &str) -> bool {
        self.analysis
            .actions
            .iter()
            .any(|a| matches!(&a.kind, ActionKind::DropColumn { table: t, column: c } if t == table && c.is(column)))
    }

    /// Whether this migration adds column `column` to `table` before `action`.
    pub fn adds_column_before(&self, action: &Action, table: &Name, column: &Ident) -> bool {
        self.before_action(action)
            .any(|a| matches!(&a.kind, ActionKind::AddColumn { table: t, column: c, .. } if t == table && c == column))
    }

    /// Whether a statement after `action` creates an object of `kind` (`INDEX`, `CONSTRAINT` for
    /// `ADD CONSTRAINT`, `VIEW`, `FUNCTION`, `PROCEDURE`, `TRIGGER`) named `name` again: a
    /// redefinition. Indexes and constraints are actions; the others are read from the statements'
    /// first words.
    pub fn recreates_after(&self, action: &Action, kind: &str, name: &Ident) -> bool {
        let same = |n: &Ident| n == name;
        match kind {
            // Built again: by CREATE INDEX, or by a constraint that builds its index under that name.
            "INDEX" => self.after(action).any(|a| match &a.kind {
                ActionKind::CreateIndex { name: Some(n), .. } => same(n),
                ActionKind::AddConstraint {
                    constraint: Some(n),
                    kind: ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclusion,
                    using_index: false,
                    ..
                } => same(n),
                _ => false,
            }),
            // A later clause of the same ALTER TABLE counts too.
            "CONSTRAINT" => self
                .after(action)
                .any(|a| matches!(&a.kind, ActionKind::AddConstraint { constraint: Some(n), .. } if same(n))),
            _ => self.created().iter().any(|(start, k, n)| *start > action.span.start && *k == kind && same(n)),
        }
    }

    /// The views, functions, procedures and triggers each statement creates, read once:
    /// (statement start, kind, name).
    fn created(&self) -> &[(usize, &'static str, Ident)] {
        self.created.get_or_init(|| {
            let mut found = Vec::new();
            for statement in &self.analysis.statements {
                if !self.tokens_in(statement.span).next().is_some_and(|t| t.is(self.sql, "CREATE")) {
                    continue;
                }
                let tokens: Vec<Token> = self.tokens_in(statement.span).take(16).collect();
                // CREATE [OR REPLACE] [MATERIALIZED] <kind> [IF NOT EXISTS] [schema.]name
                let kinds = ["VIEW", "FUNCTION", "PROCEDURE", "TRIGGER"];
                let Some((at, kind)) = tokens
                    .iter()
                    .take(5)
                    .enumerate()
                    .find_map(|(i, t)| kinds.iter().find(|k| t.is(self.sql, k)).map(|k| (i, *k)))
                else {
                    continue;
                };
                let rest: Vec<&Token> = tokens[at + 1..]
                    .iter()
                    .filter(|t| !["IF", "NOT", "EXISTS"].iter().any(|w| t.is(self.sql, w)))
                    .collect();
                // The last part of a dotted name.
                let mut i = 0;
                while rest.get(i + 1).is_some_and(|t| t.is_punct('.')) {
                    i += 2;
                }
                if let Some(name) = rest.get(i).and_then(|token| token.ident(self.sql)) {
                    found.push((statement.span.start, kind, name));
                }
            }
            found
        })
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
