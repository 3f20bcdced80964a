//! Replaying statements into the catalog, as PostgreSQL runs them: names defaulted and cut as it
//! does, dependents removed with what they depend on, and the statements it would refuse recorded
//! as failures (with its SQLSTATE) instead of applied.

use std::rc::Rc;

use sqlparser::ast::{
    self, AlterColumnOperation, AlterIndexOperation, AlterTableOperation, AlterTypeAddValuePosition,
    AlterTypeOperation, ColumnOption, DropBehavior, Expr, IndexColumn, ObjectType, RenameTableNameKind, SchemaName,
    Statement as Ast, TableConstraint, UserDefinedTypeRepresentation,
};

use crate::model::expr::{default_of, Default};
use crate::model::names::{fold, truncate, truncate_to, Key};
use crate::model::types::{column_type, ColumnType, Type};
use crate::model::{Before, Catalog, Column, Constraint, ConstraintType, Index, Sequence, Table, UserType, View};
use crate::source::Span;
use crate::syntax::analysis::{Analysis, Reader, Reading, Statement};
use crate::syntax::lexer::tokenize;
use crate::syntax::{Action, ActionKind};

/// A statement PostgreSQL would refuse at this point of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// PostgreSQL's SQLSTATE: `42P01` undefined table, `42703` undefined column, `42704` undefined
    /// object, `42P07` duplicate table, `42701` duplicate column, `2BP01` dependent objects exist.
    pub sqlstate: &'static str,
    pub message: String,
    pub statement: Span,
}

impl Failure {
    /// Something it names does not exist (42P01 table, 42703 column, 42704 any other object).
    pub fn is_missing_object(&self) -> bool {
        matches!(self.sqlstate, "42P01" | "42703" | "42704")
    }
}

/// The catalog being built, with the failures met on the way.
#[derive(Debug, Default)]
pub struct Replay {
    pub catalog: Catalog,
    pub failures: Vec<Failure>,
}

impl Replay {
    /// The end of a migration (one transaction): its temporary tables are gone.
    pub fn end_migration(&mut self) {
        self.catalog.temporary.clear();
    }

    /// Read `sql` and apply its first `count` statements (all, with `None`) as one migration,
    /// forgetting the failures met.
    pub fn run(&mut self, sql: &str, count: Option<usize>) {
        // As `History::read`: each statement applied as it is parsed, no tree kept.
        let mut left = count.unwrap_or(usize::MAX);
        crate::syntax::analyze_each(sql, Reader::Parser, &mut |statement, actions| {
            if left > 0 {
                left -= 1;
                self.apply(sql, statement, actions);
            }
        });
        self.failures.clear();
        self.end_migration();
    }

    /// Apply one statement of `sql`: its syntax tree when parsed; a `DO` block that changes no
    /// schema (data only) or that is a plain list of statements with at most an `EXCEPTION WHEN`
    /// handler, as PostgreSQL runs it; else mark what its actions name uncertain.
    pub fn apply(&mut self, sql: &str, statement: &Statement, actions: &[Action]) {
        if statement.reading == Reading::DoBlock {
            if let Some(body) = do_body(&sql[statement.span.start..statement.span.end]) {
                if self.do_block(body, statement.span) {
                    return;
                }
            }
        }
        match statement.reading {
            Reading::Parsed => self.apply_tree(statement, statement.span),
            Reading::Scanned { .. } | Reading::DoBlock => {
                let why = match statement.reading {
                    Reading::DoBlock => "changed in a DO block, which the model does not follow".to_string(),
                    _ => "changed by a statement the parser could not read".to_string(),
                };
                let mut named = false;
                for action in actions.iter().filter(|action| action.statement == statement.span) {
                    if let ActionKind::CreateType { name }
                    | ActionKind::AddEnumValue { name, .. }
                    | ActionKind::RenameType { name, .. }
                    | ActionKind::RenameEnumValue { name, .. } = &action.kind
                    {
                        let key = Key::of_name(name);
                        self.catalog.uncertain_types.insert(key, why.clone());
                        named = true;
                    }
                    if let Some(table) = action.kind.table() {
                        let key = Key::of_name(table);
                        self.catalog.uncertain.insert(key, why.clone());
                        named = true;
                    }
                }
                if !named || statement.reading == Reading::DoBlock {
                    self.catalog.opaque = true;
                }
            }
        }
    }
}

/// A history replayed as `prisma migrate deploy` runs it: each `migration.sql` is one query and
/// one implicit transaction, so when PostgreSQL refuses a statement the file's changes are undone
/// back to its last `COMMIT` (a file may commit part of itself) and the rest of it does not run.
/// The deploy stops there; the replay goes on with the next migrations, to show what the rest of
/// the history does. Migrations are pushed one at a time; after each, [`History::before`] is the
/// schema as it stood before it and [`History::catalog`] the schema after it: for a refused one,
/// as it stood at the refused statement (what the file does up to there is what its checks judge:
/// once the refused statement is fixed, it runs) until [`History::settle`] undoes the file.
#[derive(Debug, Default)]
pub struct History {
    replay: Replay,
    /// How many migrations were pushed.
    pushed: usize,
    /// The schema before the last migration pushed, when its replay was started again (it made
    /// the history partial); else the catalog's own journal says it.
    before: Option<Catalog>,
    /// The last migration read was refused and is not undone yet: the statements up to and
    /// including its last `COMMIT` before the refused one, which stay.
    unsettled: Option<usize>,
}

/// One migration being replayed statement by statement.
#[derive(Default)]
struct Pushing {
    /// Statements seen so far.
    seen: usize,
    /// Statements up to and including the last `COMMIT` seen.
    committed: usize,
    /// The first refused statement.
    refused: Option<Failure>,
}

impl History {
    /// The catalog the migrations pushed so far leave behind.
    pub fn catalog(&self) -> &Catalog {
        &self.replay.catalog
    }

    /// The schema before the last migration pushed (before any, the empty schema).
    pub fn before(&self) -> Before<'_> {
        match &self.before {
            Some(before) => Before { catalog: before, after: &self.replay.catalog },
            None => self.replay.catalog.before(),
        }
    }

    /// Read one more migration (sqlparser, with the token scanner where it cannot read a statement)
    /// and replay each statement as soon as it is parsed,
    /// so that no statement's syntax tree outlives it; the statement PostgreSQL would refuse in
    /// it, if any.
    pub fn read(&mut self, sql: &str) -> (Analysis, Option<Failure>) {
        let mut pushing = self.begin();
        let analysis = crate::syntax::analyze_each(sql, Reader::Parser, &mut |statement, actions| {
            self.apply(&mut pushing, sql, statement, actions)
        });
        (analysis, self.finish(pushing, sql))
    }

    /// Undo the last migration read back to its last `COMMIT`, if PostgreSQL refused it (`sql` is
    /// its text, for the committed part); nothing otherwise. Call it before reading the next one.
    pub fn settle(&mut self, sql: &str) {
        let Some(committed) = self.unsettled.take() else { return };
        // The journal still holds the schema before the file, for its checks.
        self.replay.catalog.rollback();
        if committed > 0 {
            self.replay.run(sql, Some(committed));
        }
    }

    fn begin(&mut self) -> Pushing {
        debug_assert!(self.unsettled.is_none(), "History::settle the refused migration before reading the next");
        self.pushed += 1;
        self.before = None;
        self.replay.catalog.begin();
        Pushing::default()
    }

    fn apply(&mut self, pushing: &mut Pushing, sql: &str, statement: &Statement, actions: &[Action]) {
        pushing.seen += 1;
        if pushing.refused.is_some() {
            return;
        }
        if is_commit(statement) {
            pushing.committed = pushing.seen;
        }
        self.replay.apply(sql, statement, actions);
        // PostgreSQL stops a statement at its first error (an ALTER TABLE at its first clause that fails).
        if let Some(failure) = self.replay.failures.drain(..).next() {
            pushing.refused = Some(failure);
        }
    }

    fn finish(&mut self, pushing: Pushing, sql: &str) -> Option<Failure> {
        self.replay.end_migration();
        let failure = pushing.refused?;
        if self.pushed == 1 && failure.is_missing_object() {
            // The first migration uses what it does not create: the history does not start from an
            // empty database. Replay it again assuming what is missing exists; its checks still see
            // the empty schema before it.
            self.before = Some(Catalog::default());
            self.replay = Replay::default();
            self.replay.catalog.partial = true;
            self.replay.run(sql, None);
            return None;
        }
        // Undone by `settle`, once the file's checks have read the schema as it left it.
        self.unsettled = Some(pushing.committed);
        Some(failure)
    }

    pub fn into_catalog(mut self) -> Catalog {
        debug_assert!(self.unsettled.is_none(), "History::settle the refused migration before taking the catalog");
        self.replay.catalog.commit();
        self.replay.catalog
    }
}

fn is_commit(statement: &Statement) -> bool {
    statement.tree.iter().any(|tree| matches!(tree, Ast::Commit { .. }))
}

/// The text of a `DO` statement's dollar-quoted body.
fn do_body(statement: &str) -> Option<&str> {
    tokenize(statement).into_iter().find_map(|token| token.dollar_body()).map(|body| &statement[body.start..body.end])
}

/// The SQLSTATEs an `EXCEPTION WHEN <condition>` catches, for the conditions the model raises.
fn catches(condition: &str, sqlstate: &str) -> bool {
    let condition = condition.trim().to_ascii_lowercase();
    condition.split(" or ").any(|name| match name.trim() {
        "others" => true,
        "duplicate_object" => sqlstate == "42710",
        "duplicate_table" => sqlstate == "42P07",
        "duplicate_column" => sqlstate == "42701",
        "undefined_object" => sqlstate == "42704",
        "undefined_table" => sqlstate == "42P01",
        "undefined_column" => sqlstate == "42703",
        "dependent_objects_still_exist" => sqlstate == "2BP01",
        _ => false,
    })
}

impl Replay {
    /// A `DO` body the model can follow: `true` when it was applied.
    fn do_block(&mut self, body: &str, span: Span) -> bool {
        let tokens = tokenize(body);
        let ddl = ["CREATE", "ALTER", "DROP", "EXECUTE", "RENAME"];
        if !tokens.iter().any(|t| ddl.iter().any(|word| t.is(body, word))) {
            return true; // data only: the schema is as it was
        }
        // `BEGIN <statements> [EXCEPTION WHEN <condition> THEN <statements>] END`, nothing else;
        // dynamic SQL (`EXECUTE '...'`) is not followed.
        if tokens.iter().any(|t| t.is(body, "EXECUTE")) {
            return false;
        }
        let words: Vec<_> = tokens.iter().filter(|t| !t.is_comment()).collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else { return false };
        let last_is_end =
            last.is(body, "END") || (last.is_punct(';') && words.len() > 1 && words[words.len() - 2].is(body, "END"));
        if !first.is(body, "BEGIN") || !last_is_end {
            return false;
        }
        let end = words.iter().rposition(|t| t.is(body, "END")).map(|i| words[i].span.start).unwrap_or(body.len());
        let inner = &body[first.span.end..end];
        let analysis = crate::syntax::analyze_keeping_trees(inner);
        let mut main = Vec::new();
        let mut handler: Option<(String, Vec<&Statement>)> = None;
        let mut handler_texts = Vec::new();
        for statement in &analysis.statements {
            let text = &inner[statement.span.start..statement.span.end];
            let upper = text.trim_start().to_ascii_uppercase();
            if upper.starts_with("EXCEPTION") {
                let rest = &text.trim_start()["EXCEPTION".len()..];
                let Some(when) =
                    rest.trim_start().strip_prefix("WHEN").or_else(|| rest.trim_start().strip_prefix("when"))
                else {
                    return false;
                };
                let Some(then) = when.to_ascii_uppercase().find(" THEN") else { return false };
                let condition = when[..then].to_string();
                let after = when[then + 5..].trim().trim_end_matches(';').trim().to_string();
                handler = Some((condition, Vec::new()));
                if !after.is_empty() && !after.eq_ignore_ascii_case("NULL") {
                    handler_texts.push(after);
                }
            } else if let Some((_, statements)) = &mut handler {
                statements.push(statement);
            } else {
                main.push(statement);
            }
        }
        let readable = |s: &&Statement| s.reading == Reading::Parsed;
        if !main.iter().all(readable) || !handler.as_ref().is_none_or(|(_, list)| list.iter().all(readable)) {
            return false;
        }
        let handler_analyses: Vec<Analysis> =
            handler_texts.iter().map(|text| crate::syntax::analyze_keeping_trees(text)).collect();
        if !handler_analyses.iter().all(|a| a.statements.iter().all(|s| s.reading == Reading::Parsed)) {
            return false;
        }
        // A refused statement changes nothing, so a one-statement block (the usual idiom) needs no
        // copy to roll back to; a longer one does.
        let several = main.len() > 1
            || main
                .iter()
                .any(|s| s.tree.iter().any(|t| matches!(t, Ast::AlterTable(alter) if alter.operations.len() > 1)));
        let saved = (several && handler.is_some()).then(|| self.catalog.clone());
        let before = self.failures.len();
        for statement in &main {
            self.apply_tree(statement, span);
        }
        let raised = self.failures.get(before).map(|failure| failure.sqlstate);
        if let (Some(sqlstate), Some((condition, statements))) = (raised, &handler) {
            if catches(condition, sqlstate) {
                // The block's changes are rolled back and the handler runs instead.
                if let Some(saved) = saved {
                    self.catalog = saved;
                }
                self.failures.truncate(before);
                for analysis in &handler_analyses {
                    for statement in &analysis.statements {
                        self.apply_tree(statement, span);
                    }
                }
                for statement in statements {
                    self.apply_tree(statement, span);
                }
            }
        }
        true
    }

    fn apply_tree(&mut self, statement: &Statement, span: Span) {
        for tree in &statement.tree {
            let mut step = Step { catalog: &mut self.catalog, failures: &mut self.failures, span, unsure: false };
            step.statement(tree);
        }
    }
}

struct Step<'a> {
    catalog: &'a mut Catalog,
    failures: &'a mut Vec<Failure>,
    span: Span,
    /// The statement changes a table the model is not sure of: it records no failure.
    unsure: bool,
}

/// PostgreSQL's default name for a constraint, index or sequence: `table_col1_col2_suffix`
/// (makeObjectName, without the counter ChooseRelationName adds on a clash): when it is longer
/// than 63 bytes, the longer of the two parts loses a character at a time until it fits.
fn default_name(table: &str, columns: &[String], suffix: &str) -> String {
    let joined = columns.join("_");
    let second = (!columns.is_empty()).then_some(joined.as_str());
    let overhead = second.map_or(0, |_| 1) + suffix.len() + 1;
    let available = 63usize.saturating_sub(overhead);
    let (mut first_len, mut second_len) = (table.len(), second.map_or(0, str::len));
    while first_len + second_len > available {
        if first_len > second_len {
            first_len -= 1;
        } else {
            second_len -= 1;
        }
    }
    let mut name = truncate_to(table, first_len).to_string();
    if let Some(second) = second {
        name.push('_');
        name.push_str(truncate_to(second, second_len));
    }
    format!("{name}_{suffix}")
}

fn index_columns(columns: &[IndexColumn]) -> Vec<Option<String>> {
    columns
        .iter()
        .map(|column| match &column.column.expr {
            Expr::Identifier(ident) => Some(fold(ident)),
            _ => None,
        })
        .collect()
}

/// The identifiers of an expression's text, as stored (quoted ones as written, others in lower
/// case), from the lexer's tokens: string literals, numbers and comments are not identifiers.
fn identifiers(text: &str) -> Vec<String> {
    tokenize(text).iter().filter_map(|token| token.ident(text).map(|ident| ident.stored().into_owned())).collect()
}

fn idents(columns: &[ast::Ident]) -> Vec<String> {
    columns.iter().map(fold).collect()
}

impl Step<'_> {
    /// Record a failure, unless the model is not sure of it: an object it says is missing may have
    /// been created by a statement it could not follow (`opaque`), and nothing is sure about a table
    /// such a statement changed.
    fn fail(&mut self, sqlstate: &'static str, message: String) {
        if self.sure(sqlstate) {
            self.failures.push(Failure { sqlstate, message, statement: self.span });
        }
    }

    /// Whether the model is sure enough to record a failure of `sqlstate` (see [`Step::fail`]).
    fn sure(&self, sqlstate: &str) -> bool {
        let missing = matches!(sqlstate, "42P01" | "42703" | "42704" | "22023");
        !((missing && (self.catalog.opaque || self.catalog.partial)) || self.unsure)
    }

    fn uncertain(&mut self, table: &Key, why: impl Into<String>) {
        self.catalog.uncertain.insert_if_absent(table.clone(), || why.into());
    }

    fn statement(&mut self, tree: &Ast) {
        match tree {
            Ast::CreateTable(create) => self.create_table(create),
            Ast::AlterTable(alter) => self.alter_table(alter),
            Ast::Drop { object_type, if_exists, names, cascade, .. } => {
                for name in names {
                    if let Some(key) = Key::of(name) {
                        self.drop(*object_type, &key, *if_exists, *cascade);
                    }
                }
            }
            Ast::CreateIndex(index) => self.create_index(index),
            Ast::AlterIndex { name, operation: AlterIndexOperation::RenameIndex { index_name } } => {
                if let (Some(from), Some(to)) = (Key::of(name), Key::of(index_name)) {
                    self.rename_index(&from, &to.name);
                }
            }
            Ast::CreateType { name, representation } => {
                let Some(key) = Key::of(name) else { return };
                if self.catalog.types.contains_key(&key) {
                    return self.fail("42710", format!("type \"{}\" already exists", key.name));
                }
                let values = match representation {
                    Some(UserDefinedTypeRepresentation::Enum { labels }) => {
                        Some(labels.iter().map(|label| label.value.clone()).collect())
                    }
                    _ => None,
                };
                self.catalog.types.insert(key, UserType { values });
            }
            Ast::AlterType(alter) => self.alter_type(alter),
            Ast::CreateView(view) => {
                if let Some(key) = Key::of(&view.name) {
                    self.catalog.views.insert(key, View { materialized: view.materialized });
                }
            }
            Ast::CreateSequence { if_not_exists, name, .. } => {
                let Some(key) = Key::of(name) else { return };
                if self.catalog.sequences.contains_key(&key) && !*if_not_exists {
                    return self.fail("42P07", format!("relation \"{}\" already exists", key.name));
                }
                self.catalog.sequences.insert_if_absent(key, || Sequence { owned_by: None });
            }
            Ast::CreateFunction(function) => {
                if let Some(key) = Key::of(&function.name) {
                    self.catalog.functions.insert(key, ());
                }
            }
            Ast::DropFunction(drop) => {
                for function in &drop.func_desc {
                    if let Some(key) = Key::of(&function.name) {
                        self.catalog.functions.remove(&key);
                    }
                }
            }
            Ast::CreateTrigger(trigger) => {
                if let (Some(table), Some(name)) = (Key::of(&trigger.table_name), Key::of(&trigger.name)) {
                    self.catalog.triggers.insert((table, name.name), ());
                }
            }
            Ast::DropTrigger(drop) => {
                if let (Some(table), Some(name)) =
                    (drop.table_name.as_ref().and_then(Key::of), Key::of(&drop.trigger_name))
                {
                    self.catalog.triggers.remove(&(table, name.name));
                }
            }
            Ast::CreateExtension(extension) => {
                self.catalog.extensions.insert(fold(&extension.name), ());
            }
            Ast::DropExtension(drop) => {
                for name in &drop.names {
                    self.catalog.extensions.remove(&fold(name));
                }
            }
            Ast::CreateSchema { schema_name, .. } => {
                let name = match schema_name {
                    SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _) => {
                        name.0.last().and_then(|part| part.as_ident()).map(fold)
                    }
                    SchemaName::UnnamedAuthorization(ident) => Some(fold(ident)),
                };
                if let Some(name) = name {
                    self.catalog.schemas.insert(name, ());
                }
            }
            Ast::Query(query) => {
                // `SELECT ... INTO [TEMP] TABLE t` creates a table the model knows only by name.
                if let ast::SetExpr::Select(select) = query.body.as_ref() {
                    if let Some(into) = &select.into {
                        for target in &into.targets {
                            let name = match target {
                                Expr::Identifier(ident) => Some(Key::public(&fold(ident))),
                                Expr::CompoundIdentifier(parts) if parts.len() == 2 => {
                                    Some(Key::new(&fold(&parts[0]), &fold(&parts[1])))
                                }
                                _ => None,
                            };
                            let Some(key) = name else { continue };
                            if into.temporary {
                                self.catalog.temporary.insert(key);
                            } else {
                                self.catalog.tables.insert(key.clone(), Table::default());
                                self.uncertain(&key, "created by SELECT INTO, whose columns the model does not follow");
                            }
                        }
                    }
                }
            }
            Ast::RenameTable(renames) => {
                for rename in renames {
                    if let (Some(from), Some(to)) = (Key::of(&rename.old_name), Key::of(&rename.new_name)) {
                        self.rename_table(&from, &to.name);
                    }
                }
            }
            _ => {}
        }
    }

    fn create_table(&mut self, create: &ast::CreateTable) {
        let Some(key) = Key::of(&create.name) else { return };
        if create.temporary {
            self.catalog.temporary.insert(key);
            return;
        }
        if self.catalog.tables.contains_key(&key) {
            if !create.if_not_exists {
                self.fail("42P07", format!("relation \"{}\" already exists", key.name));
            }
            return;
        }
        if create.query.is_some() || create.like.is_some() || create.clone.is_some() {
            self.uncertain(
                &key,
                "created from a query or another table (AS, LIKE), whose columns the model does not follow",
            );
        }
        // The table is built whole and inserted once; its columns' own constraints follow.
        let mut entry = Table::default();
        let mut inline = Vec::new();
        for def in &create.columns {
            let (column, constraints) = self.column_of(&key, def);
            inline.push((column.name.clone(), constraints));
            entry.columns.push(Rc::new(column));
        }
        self.catalog.tables.insert(key.clone(), entry);
        for (name, constraints) in inline {
            self.column_constraints(&key, &name, constraints);
        }
        for constraint in &create.constraints {
            self.add_constraint(&key, constraint, false);
        }
    }

    fn add_column(&mut self, table: &Key, def: &ast::ColumnDef) {
        let (column, constraints) = self.column_of(table, def);
        let name = column.name.clone();
        let Some(entry) = self.catalog.tables.get_mut(table) else { return };
        entry.columns.push(Rc::new(column));
        self.column_constraints(table, &name, constraints);
    }

    /// A column as its definition gives it (a serial's sequence is created with it), and the
    /// constraints written on it, by name when it gives one.
    fn column_of<'d>(
        &mut self,
        table: &Key,
        def: &'d ast::ColumnDef,
    ) -> (Column, Vec<(Option<String>, &'d ColumnOption)>) {
        let name = fold(&def.name);
        let mut column = Column {
            name: name.clone(),
            ty: column_type(&def.data_type, self.catalog),
            not_null: false,
            default: None,
            identity: false,
            generated: false,
        };
        let mut constraints = Vec::new();
        for option in &def.options {
            match &option.option {
                ColumnOption::NotNull => column.not_null = true,
                ColumnOption::Null => column.not_null = false,
                ColumnOption::Default(expr) => {
                    let default = default_of(expr, column.ty.as_ref(), self.catalog);
                    column.default = Some(default);
                }
                ColumnOption::Generated { generation_expr: Some(_), .. } => column.generated = true,
                ColumnOption::Generated { generation_expr: None, .. } => {
                    column.identity = true;
                    column.not_null = true;
                }
                ColumnOption::PrimaryKey(_)
                | ColumnOption::Unique(_)
                | ColumnOption::ForeignKey(_)
                | ColumnOption::Check(_) => constraints.push((option.name.as_ref().map(fold), &option.option)),
                _ => {}
            }
        }
        let serial = column.ty.as_ref().is_some_and(|ty| ty.serial);
        if serial || column.identity {
            let sequence = table.sibling(&default_name(&table.name, std::slice::from_ref(&name), "seq"));
            if let Some(ty) = column.ty.as_mut().filter(|_| serial) {
                ty.serial = false;
                column.not_null = true;
                column.default = Some(Default::Nextval(sequence.clone()));
            }
            self.catalog.sequences.insert(sequence, Sequence { owned_by: Some((table.clone(), name.clone())) });
        }
        (column, constraints)
    }

    fn column_constraints(&mut self, table: &Key, name: &str, constraints: Vec<(Option<String>, &ColumnOption)>) {
        for (constraint_name, option) in constraints {
            let columns = vec![name.to_string()];
            let (kind, suffix, references) = match option {
                ColumnOption::PrimaryKey(_) => (ConstraintType::PrimaryKey, "pkey", None),
                ColumnOption::Unique(_) => (ConstraintType::Unique, "key", None),
                ColumnOption::ForeignKey(fk) => {
                    let referenced = Key::of(&fk.foreign_table).map(|key| (key, idents(&fk.referred_columns)));
                    (ConstraintType::ForeignKey, "fkey", referenced)
                }
                _ => (ConstraintType::Check, "check", None),
            };
            let default = if kind == ConstraintType::PrimaryKey {
                default_name(&table.name, &[], "pkey")
            } else {
                default_name(&table.name, &columns, suffix)
            };
            self.insert_constraint(table, constraint_name.unwrap_or(default), kind, columns, references, true);
        }
    }

    fn insert_constraint(
        &mut self,
        table: &Key,
        name: String,
        kind: ConstraintType,
        columns: Vec<String>,
        references: Option<(Key, Vec<String>)>,
        validated: bool,
    ) {
        if let Some((referenced, _)) = &references {
            // Refused only where the model is sure the table is missing; else the key is recorded.
            let missing =
                !self.catalog.tables.contains_key(referenced) && !self.catalog.uncertain.contains_key(referenced);
            if missing && self.sure("42P01") {
                return self.fail("42P01", format!("relation \"{}\" does not exist", referenced.name));
            }
        }
        let name = truncate(&name);
        let index_key = kind.has_index().then(|| table.sibling(&name));
        if index_key.as_ref().is_some_and(|key| self.catalog.indexes.contains_key(key)) {
            return self.fail("42P07", format!("relation \"{name}\" already exists"));
        }
        let Some(entry) = self.catalog.tables.get_mut(table) else { return };
        if entry.constraint(&name).is_some() {
            return self.fail("42710", format!("constraint \"{name}\" for relation \"{}\" already exists", table.name));
        }
        if kind == ConstraintType::PrimaryKey {
            if entry.constraints.iter().any(|c| c.kind == ConstraintType::PrimaryKey) {
                return self
                    .fail("42P16", format!("multiple primary keys for table \"{}\" are not allowed", table.name));
            }
            for column in &columns {
                if let Some(column) = entry.column_mut(column) {
                    column.not_null = true;
                }
            }
        }
        entry.constraints.push(Rc::new(Constraint {
            name: name.clone(),
            kind,
            columns: columns.clone(),
            references,
            validated,
        }));
        if let Some(index_key) = index_key {
            self.catalog.indexes.insert(
                index_key,
                Index {
                    table: table.clone(),
                    unique: kind != ConstraintType::Exclusion,
                    primary: kind == ConstraintType::PrimaryKey,
                    columns: columns.into_iter().map(Some).collect(),
                    partial: false,
                    constraint: true,
                },
            );
        }
    }

    fn add_constraint(&mut self, table: &Key, constraint: &TableConstraint, not_valid: bool) {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                let columns: Vec<String> = index_columns(&pk.columns).into_iter().flatten().collect();
                let name = pk.name.as_ref().map(fold).unwrap_or_else(|| default_name(&table.name, &[], "pkey"));
                self.insert_constraint(table, name, ConstraintType::PrimaryKey, columns, None, true);
            }
            TableConstraint::Unique(unique) => {
                let columns: Vec<String> = index_columns(&unique.columns).into_iter().flatten().collect();
                let name = unique.name.as_ref().map(fold).unwrap_or_else(|| default_name(&table.name, &columns, "key"));
                self.insert_constraint(table, name, ConstraintType::Unique, columns, None, true);
            }
            TableConstraint::ForeignKey(fk) => {
                let columns = idents(&fk.columns);
                let Some(referenced) = Key::of(&fk.foreign_table) else { return };
                let name = fk.name.as_ref().map(fold).unwrap_or_else(|| default_name(&table.name, &columns, "fkey"));
                let references = Some((referenced, idents(&fk.referred_columns)));
                self.insert_constraint(table, name, ConstraintType::ForeignKey, columns, references, !not_valid);
            }
            TableConstraint::Check(check) => {
                let columns = self.columns_in(table, &check.expr);
                let name = check.name.as_ref().map(fold).unwrap_or_else(|| match columns.as_slice() {
                    [only] => default_name(&table.name, std::slice::from_ref(only), "check"),
                    _ => default_name(&table.name, &[], "check"),
                });
                self.insert_constraint(table, name, ConstraintType::Check, columns, None, !not_valid);
            }
            TableConstraint::PrimaryKeyUsingIndex(using) | TableConstraint::UniqueUsingIndex(using) => {
                let primary = matches!(constraint, TableConstraint::PrimaryKeyUsingIndex(_));
                let index_key = table.sibling(&fold(&using.index_name));
                let Some(index) = self.catalog.indexes.remove(&index_key) else {
                    return self.fail("42704", format!("index \"{}\" does not exist", index_key.name));
                };
                let name = using.name.as_ref().map(fold).unwrap_or_else(|| index_key.name.clone());
                let columns: Vec<String> = index.columns.iter().flatten().cloned().collect();
                let kind = if primary { ConstraintType::PrimaryKey } else { ConstraintType::Unique };
                self.insert_constraint(table, name, kind, columns, None, true);
            }
            TableConstraint::Exclude(exclude) => {
                let mut columns: Vec<String> = Vec::new();
                for element in &exclude.elements {
                    for column in self.columns_in(table, &element.column.column.expr) {
                        if !columns.contains(&column) {
                            columns.push(column);
                        }
                    }
                }
                let name = exclude.name.as_ref().map(fold).unwrap_or_else(|| {
                    let first: Vec<String> = columns.first().cloned().into_iter().collect();
                    default_name(&table.name, &first, "excl")
                });
                self.insert_constraint(table, name, ConstraintType::Exclusion, columns, None, true);
            }
            other => {
                let what = other.to_string();
                let what = what.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                self.uncertain(table, format!("a constraint the model does not follow ({what} ...)"));
            }
        }
    }

    /// The table's columns an expression names, each once, in order of appearance (PostgreSQL
    /// names a check on exactly one column `table_column_check`, and drops it with the column).
    fn columns_in(&self, table: &Key, expr: &Expr) -> Vec<String> {
        let Some(entry) = self.catalog.tables.get(table) else { return Vec::new() };
        let mut found: Vec<String> = Vec::new();
        for name in identifiers(&expr.to_string()) {
            if entry.column(&name).is_some() && !found.contains(&name) {
                found.push(name);
            }
        }
        found
    }

    fn alter_table(&mut self, alter: &ast::AlterTable) {
        let Some(mut key) = Key::of(&alter.name) else { return };
        if self.catalog.temporary.contains(&key) {
            return;
        }
        self.unsure = self.catalog.uncertain.contains_key(&key);
        if !self.catalog.tables.contains_key(&key) {
            if self.catalog.views.contains_key(&key) || self.catalog.uncertain.contains_key(&key) {
                return;
            }
            if !alter.if_exists {
                self.fail("42P01", format!("relation \"{}\" does not exist", key.name));
            }
            return;
        }
        for operation in &alter.operations {
            if let Some(renamed) = self.alter_operation(&key, operation) {
                key = renamed;
            }
        }
    }

    /// One clause of an `ALTER TABLE`; the table's new key when it renames the table.
    fn alter_operation(&mut self, table: &Key, operation: &AlterTableOperation) -> Option<Key> {
        match operation {
            AlterTableOperation::AddColumn { if_not_exists, column_def, .. } => {
                let name = fold(&column_def.name);
                if self.catalog.tables.get(table)?.column(&name).is_some() {
                    if !*if_not_exists {
                        self.fail("42701", format!("column \"{name}\" of relation \"{}\" already exists", table.name));
                    }
                    return None;
                }
                self.add_column(table, column_def);
            }
            AlterTableOperation::DropColumn { column_names, if_exists, drop_behavior, .. } => {
                for column in column_names {
                    let cascade = matches!(drop_behavior, Some(DropBehavior::Cascade));
                    self.drop_column(table, &fold(column), *if_exists, cascade);
                }
            }
            AlterTableOperation::AlterColumn { column_name, op } => {
                let name = fold(column_name);
                let types: &Catalog = self.catalog;
                let new_type = match op {
                    AlterColumnOperation::SetDataType { data_type, .. } => Some(column_type(data_type, types)),
                    _ => None,
                };
                let default = match op {
                    AlterColumnOperation::SetDefault { value } => {
                        let ty = types.tables.get(table)?.column(&name).and_then(|c| c.ty.as_ref());
                        Some(default_of(value, ty, types))
                    }
                    _ => None,
                };
                let Some(column) = self.catalog.tables.get_mut(table)?.column_mut(&name) else {
                    self.fail("42703", format!("column \"{name}\" of relation \"{}\" does not exist", table.name));
                    return None;
                };
                match op {
                    AlterColumnOperation::SetNotNull => column.not_null = true,
                    AlterColumnOperation::DropNotNull => column.not_null = false,
                    AlterColumnOperation::SetDefault { .. } => column.default = default,
                    AlterColumnOperation::DropDefault => column.default = None,
                    AlterColumnOperation::SetDataType { .. } => {
                        let new_type = new_type.flatten().map(|t| ColumnType { serial: false, ..t });
                        if let (Some(Default::Literal(_)), Some(ColumnType { base: Type::Named(old), .. })) =
                            (&column.default, &column.ty)
                        {
                            if new_type.as_ref().is_none_or(|new| !new.is_named(old)) {
                                column.default = Some(Default::OnType(old.clone()));
                            }
                        }
                        column.ty = new_type;
                    }
                    other => {
                        self.uncertain(table, format!("ALTER COLUMN {name} {other}, which the model does not follow"));
                    }
                }
            }
            AlterTableOperation::AddConstraint { constraint, not_valid } => {
                self.add_constraint(table, constraint, *not_valid);
            }
            AlterTableOperation::DropConstraint { if_exists, name, drop_behavior } => {
                let cascade = matches!(drop_behavior, Some(DropBehavior::Cascade));
                self.drop_constraint(table, &fold(name), *if_exists, cascade);
            }
            AlterTableOperation::DropPrimaryKey { .. } => {
                let name = self
                    .catalog
                    .tables
                    .get(table)?
                    .constraints
                    .iter()
                    .find(|c| c.kind == ConstraintType::PrimaryKey)
                    .map(|c| c.name.clone())?;
                self.drop_constraint(table, &name, false, false);
            }
            AlterTableOperation::RenameColumn { old_column_name, new_column_name } => {
                self.rename_column(table, &fold(old_column_name), &fold(new_column_name));
            }
            AlterTableOperation::RenameTable { table_name } => {
                let (RenameTableNameKind::As(to) | RenameTableNameKind::To(to)) = table_name;
                let to = Key::of(to)?;
                return self.rename_table(table, &to.name);
            }
            AlterTableOperation::RenameConstraint { old_name, new_name } => {
                self.rename_constraint(table, &fold(old_name), &fold(new_name));
            }
            AlterTableOperation::ValidateConstraint { name } => {
                let name = fold(name);
                match self.catalog.tables.get_mut(table)?.constraints.iter_mut().find(|c| c.name == name) {
                    Some(constraint) => Rc::make_mut(constraint).validated = true,
                    None => self
                        .fail("42704", format!("constraint \"{name}\" of relation \"{}\" does not exist", table.name)),
                }
            }
            AlterTableOperation::EnableRowLevelSecurity
            | AlterTableOperation::DisableRowLevelSecurity
            | AlterTableOperation::ForceRowLevelSecurity
            | AlterTableOperation::NoForceRowLevelSecurity
            | AlterTableOperation::EnableTrigger { .. }
            | AlterTableOperation::DisableTrigger { .. }
            | AlterTableOperation::OwnerTo { .. }
            | AlterTableOperation::SetOptionsParens { .. } => {}
            other => {
                let what = other.to_string();
                let what = what.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                self.uncertain(table, format!("ALTER TABLE {what} ..., which the model does not follow"));
            }
        }
        None
    }

    fn drop_column(&mut self, table: &Key, column: &str, if_exists: bool, cascade: bool) {
        let Some(entry) = self.catalog.tables.get_mut(table) else { return };
        let Some(position) = entry.columns.iter().position(|c| c.name == column) else {
            if !if_exists {
                self.fail("42703", format!("column \"{column}\" of relation \"{}\" does not exist", table.name));
            }
            return;
        };
        // Foreign keys of other tables that reference the column's unique constraint or index.
        let referencing = self.referencing(table, Some(column));
        if !self.drop_dependents(referencing, cascade, || format!("column {column} of table {}", table.name)) {
            return;
        }
        let entry = self.catalog.tables.get_mut(table).expect("checked above");
        entry.columns.remove(position);
        let dropped: Vec<String> = entry
            .constraints
            .iter()
            .filter(|c| c.columns.iter().any(|c| c == column))
            .map(|c| c.name.clone())
            .collect();
        for name in dropped {
            self.remove_constraint(table, &name);
        }
        self.catalog
            .indexes
            .retain(|_, index| &index.table != table || !index.columns.iter().any(|c| c.as_deref() == Some(column)));
        self.catalog
            .sequences
            .retain(|_, sequence| !matches!(&sequence.owned_by, Some((t, c)) if t == table && c == column));
    }

    /// The foreign keys that depend on what is dropped (`what`, for the message): dropped with it
    /// under `CASCADE`; without, PostgreSQL refuses the drop (2BP01) and this says `false`.
    fn drop_dependents(&mut self, dependents: Vec<(Key, String)>, cascade: bool, what: impl Fn() -> String) -> bool {
        if !dependents.is_empty() && !cascade {
            self.fail("2BP01", format!("cannot drop {} because other objects depend on it", what()));
            return false;
        }
        for (table, name) in dependents {
            self.remove_constraint(&table, &name);
        }
        true
    }

    /// Foreign keys of other tables that reference `table` (or its `column`), by table and name.
    fn referencing(&self, table: &Key, column: Option<&str>) -> Vec<(Key, String)> {
        let mut found = Vec::new();
        for (other, entry) in &self.catalog.tables {
            for constraint in &entry.constraints {
                let Some((referenced, columns)) = &constraint.references else { continue };
                let hits = referenced == table && column.is_none_or(|column| columns.iter().any(|c| c == column));
                if hits && !(other == table && column.is_none()) {
                    found.push((other.clone(), constraint.name.clone()));
                }
            }
        }
        found
    }

    fn remove_constraint(&mut self, table: &Key, name: &str) {
        if let Some(entry) = self.catalog.tables.get_mut(table) {
            if let Some(i) = entry.constraints.iter().position(|c| c.name == name) {
                let constraint = entry.constraints.remove(i);
                if constraint.kind.has_index() {
                    self.catalog.indexes.remove(&table.sibling(name));
                }
            }
        }
    }

    fn drop_constraint(&mut self, table: &Key, name: &str, if_exists: bool, cascade: bool) {
        let Some(constraint) = self.catalog.tables.get(table).and_then(|t| t.constraint(name)).cloned() else {
            if !if_exists {
                self.fail("42704", format!("constraint \"{name}\" of relation \"{}\" does not exist", table.name));
            }
            return;
        };
        if constraint.kind.has_index() {
            let dependents: Vec<(Key, String)> = self
                .referencing(table, None)
                .into_iter()
                .filter(|(other, fk)| {
                    let columns = self
                        .catalog
                        .tables
                        .get(other)
                        .expect("found by referencing")
                        .constraint(fk)
                        .and_then(|c| c.references.as_ref());
                    columns.is_some_and(|(_, cols)| cols == &constraint.columns)
                })
                .collect();
            if !self.drop_dependents(dependents, cascade, || format!("constraint {name} on table {}", table.name)) {
                return;
            }
        }
        self.remove_constraint(table, name);
    }

    fn rename_column(&mut self, table: &Key, from: &str, to: &str) {
        let Some(entry) = self.catalog.tables.get_mut(table) else { return };
        if entry.column(to).is_some() {
            return self.fail("42701", format!("column \"{to}\" of relation \"{}\" already exists", table.name));
        }
        let Some(column) = entry.column_mut(from) else {
            return self.fail("42703", format!("column \"{from}\" does not exist"));
        };
        column.name = to.to_string();
        for constraint in entry.constraints.iter_mut().filter(|c| c.columns.iter().any(|c| c == from)) {
            for column in &mut Rc::make_mut(constraint).columns {
                if column == from {
                    *column = to.to_string();
                }
            }
        }
        self.catalog.indexes.update_where(
            |_, index| &index.table == table && index.columns.iter().flatten().any(|c| c == from),
            |_, index| {
                for column in index.columns.iter_mut().flatten().filter(|c| *c == from) {
                    *column = to.to_string();
                }
            },
        );
        let references = |constraint: &Rc<Constraint>| {
            constraint
                .references
                .as_ref()
                .is_some_and(|(referenced, columns)| referenced == table && columns.iter().any(|c| c == from))
        };
        self.catalog.tables.update_where(
            |_, entry| entry.constraints.iter().any(references),
            |_, entry| {
                for constraint in entry.constraints.iter_mut().filter(|c| references(c)) {
                    if let Some((referenced, columns)) = &mut Rc::make_mut(constraint).references {
                        if referenced == table {
                            for column in columns.iter_mut().filter(|c| *c == from) {
                                *column = to.to_string();
                            }
                        }
                    }
                }
            },
        );
        self.catalog.sequences.update_where(
            |_, sequence| matches!(&sequence.owned_by, Some((owner, column)) if owner == table && column == from),
            |_, sequence| {
                if let Some((_, column)) = &mut sequence.owned_by {
                    *column = to.to_string();
                }
            },
        );
    }

    fn rename_table(&mut self, from: &Key, to: &str) -> Option<Key> {
        let new = from.sibling(to);
        if self.catalog.tables.contains_key(&new) {
            self.fail("42P07", format!("relation \"{to}\" already exists"));
            return None;
        }
        let Some(table) = self.catalog.tables.remove(from) else {
            if !self.catalog.uncertain.contains_key(from) {
                self.fail("42P01", format!("relation \"{}\" does not exist", from.name));
            }
            return None;
        };
        self.catalog.tables.insert(new.clone(), table);
        if let Some(why) = self.catalog.uncertain.remove(from) {
            self.catalog.uncertain.insert(new.clone(), why);
        }
        self.catalog.indexes.update_where(|_, index| &index.table == from, |_, index| index.table = new.clone());
        self.catalog.tables.update_where(
            |_, entry| entry.constraints.iter().any(|c| c.references.as_ref().is_some_and(|(r, _)| r == from)),
            |_, entry| {
                let refers = |c: &Rc<Constraint>| c.references.as_ref().is_some_and(|(r, _)| r == from);
                for constraint in entry.constraints.iter_mut().filter(|c| refers(c)) {
                    if let Some((referenced, _)) = &mut Rc::make_mut(constraint).references {
                        if referenced == from {
                            *referenced = new.clone();
                        }
                    }
                }
            },
        );
        self.catalog.sequences.update_where(
            |_, sequence| matches!(&sequence.owned_by, Some((owner, _)) if owner == from),
            |_, sequence| {
                if let Some((owner, _)) = &mut sequence.owned_by {
                    *owner = new.clone();
                }
            },
        );
        let triggers: Vec<(Key, String)> = self.catalog.triggers.keys().filter(|(t, _)| t == from).cloned().collect();
        for (_, name) in triggers {
            self.catalog.triggers.remove(&(from.clone(), name.clone()));
            self.catalog.triggers.insert((new.clone(), name), ());
        }
        Some(new)
    }

    fn rename_constraint(&mut self, table: &Key, from: &str, to: &str) {
        let Some(entry) = self.catalog.tables.get_mut(table) else { return };
        let Some(constraint) = entry.constraints.iter_mut().find(|c| c.name == from) else {
            return self.fail("42704", format!("constraint \"{from}\" for table \"{}\" does not exist", table.name));
        };
        let constraint = Rc::make_mut(constraint);
        constraint.name = to.to_string();
        if constraint.kind.has_index() {
            if let Some(index) = self.catalog.indexes.remove(&table.sibling(from)) {
                self.catalog.indexes.insert(table.sibling(to), index);
            }
        }
    }

    fn create_index(&mut self, index: &ast::CreateIndex) {
        let Some(table) = Key::of(&index.table_name) else { return };
        if self.catalog.temporary.contains(&table) {
            return;
        }
        if !self.catalog.tables.contains_key(&table) {
            if !self.catalog.uncertain.contains_key(&table) && !self.catalog.views.contains_key(&table) {
                self.fail("42P01", format!("relation \"{}\" does not exist", table.name));
            }
            return;
        }
        let columns = index_columns(&index.columns);
        let name = match &index.name {
            Some(name) => match Key::of(name) {
                Some(key) => key.name,
                None => return,
            },
            None => {
                let named: Vec<String> =
                    columns.iter().map(|c| c.clone().unwrap_or_else(|| "expr".to_string())).collect();
                default_name(&table.name, &named, "idx")
            }
        };
        let key = table.sibling(&name);
        if self.catalog.indexes.contains_key(&key) || self.catalog.tables.contains_key(&key) {
            if !index.if_not_exists {
                self.fail("42P07", format!("relation \"{name}\" already exists"));
            }
            return;
        }
        self.catalog.indexes.insert(
            key,
            Index {
                table,
                unique: index.unique,
                primary: false,
                columns,
                partial: index.predicate.is_some(),
                constraint: false,
            },
        );
    }

    fn rename_index(&mut self, from: &Key, to: &str) {
        let Some(index) = self.catalog.indexes.remove(from) else {
            return self.fail("42P01", format!("relation \"{}\" does not exist", from.name));
        };
        if index.constraint {
            if let Some(constraint) = self
                .catalog
                .tables
                .get_mut(&index.table)
                .and_then(|t| t.constraints.iter_mut().find(|c| c.name == from.name))
            {
                Rc::make_mut(constraint).name = to.to_string();
            }
        }
        self.catalog.indexes.insert(from.sibling(to), index);
    }

    fn alter_type(&mut self, alter: &ast::AlterType) {
        let Some(key) = Key::of(&alter.name) else { return };
        let Some(ty) = self.catalog.types.get_mut(&key) else {
            return self.fail("42704", format!("type \"{}\" does not exist", key.name));
        };
        match &alter.operation {
            AlterTypeOperation::AddValue(add) => {
                let Some(values) = &mut ty.values else { return };
                let value = add.value.value.clone();
                if values.contains(&value) {
                    if !add.if_not_exists {
                        self.fail("42710", format!("enum label \"{value}\" already exists"));
                    }
                    return;
                }
                let at = match &add.position {
                    Some(AlterTypeAddValuePosition::Before(next)) => values.iter().position(|v| *v == next.value),
                    Some(AlterTypeAddValuePosition::After(previous)) => {
                        values.iter().position(|v| *v == previous.value).map(|i| i + 1)
                    }
                    None => Some(values.len()),
                };
                match at {
                    Some(at) => values.insert(at, value),
                    None => self.fail("22023", format!("\"{value}\" is not an existing enum label")),
                }
            }
            AlterTypeOperation::RenameValue(rename) => {
                let Some(values) = &mut ty.values else { return };
                match values.iter_mut().find(|v| **v == rename.from.value) {
                    Some(value) => *value = rename.to.value.clone(),
                    None => self.fail("22023", format!("\"{}\" is not an existing enum label", rename.from.value)),
                }
            }
            AlterTypeOperation::Rename(rename) => {
                let to = key.sibling(&fold(&rename.new_name));
                if self.catalog.types.contains_key(&to) {
                    return self.fail("42710", format!("type \"{}\" already exists", to.name));
                }
                let ty = self.catalog.types.remove(&key).expect("found above");
                self.catalog.types.insert(to.clone(), ty);
                let uses = |c: &Rc<Column>| {
                    c.ty.as_ref().is_some_and(|ty| ty.is_named(&key))
                        || matches!(&c.default, Some(Default::Cast(_, cast)) if cast.is_named(&key))
                };
                self.catalog.tables.update_where(
                    |_, table| table.columns.iter().any(uses),
                    |_, table| {
                        for column in table.columns.iter_mut().filter(|c| uses(c)) {
                            let column = Rc::make_mut(column);
                            if let Some(column_type) = &mut column.ty {
                                if column_type.is_named(&key) {
                                    column_type.base = Type::Named(to.clone());
                                }
                            }
                            if let Some(Default::Cast(_, cast)) = &mut column.default {
                                if cast.is_named(&key) {
                                    cast.base = Type::Named(to.clone());
                                }
                            }
                        }
                    },
                );
            }
        }
    }

    fn drop(&mut self, kind: ObjectType, key: &Key, if_exists: bool, cascade: bool) {
        // As tablecmds.c's dropmsgstringarray: a missing table, view or sequence is 42P01, a
        // missing index (or anything else) 42704.
        let missing = |step: &mut Step, what: &str| {
            if !if_exists {
                let state = if what == "table" || what == "view" || what == "sequence" { "42P01" } else { "42704" };
                step.fail(state, format!("{what} \"{}\" does not exist", key.name));
            }
        };
        match kind {
            ObjectType::Table => {
                if self.catalog.temporary.remove(key) {
                    return;
                }
                if !self.catalog.tables.contains_key(key) {
                    if self.catalog.uncertain.remove(key).is_none() {
                        missing(self, "table");
                    }
                    return;
                }
                let referencing = self.referencing(key, None);
                if !self.drop_dependents(referencing, cascade, || format!("table {}", key.name)) {
                    return;
                }
                self.catalog.tables.remove(key);
                self.catalog.uncertain.remove(key);
                self.catalog.indexes.retain(|_, index| &index.table != key);
                self.catalog.triggers.retain(|(table, _), _| table != key);
                self.catalog.sequences.retain(|_, s| s.owned_by.as_ref().is_none_or(|(table, _)| table != key));
            }
            ObjectType::Index => match self.catalog.indexes.get(key) {
                None => missing(self, "index"),
                Some(index) if index.constraint => self.fail(
                    "2BP01",
                    format!(
                        "cannot drop index {} because constraint {} on table {} requires it",
                        key.name, key.name, index.table.name
                    ),
                ),
                Some(_) => {
                    self.catalog.indexes.remove(key);
                }
            },
            ObjectType::Type => {
                if !self.catalog.types.contains_key(key) {
                    return missing(self, "type");
                }
                let depends = |c: &Rc<Column>| {
                    c.ty.as_ref().is_some_and(|ty| ty.is_named(key))
                        || matches!(&c.default, Some(Default::OnType(on)) if on == key)
                        || matches!(&c.default, Some(Default::Cast(_, ty)) if ty.is_named(key))
                };
                let used = self.catalog.tables.values().any(|t| t.columns.iter().any(depends));
                if used && !cascade {
                    return self
                        .fail("2BP01", format!("cannot drop type {} because other objects depend on it", key.name));
                }
                self.catalog.tables.update_where(
                    |_, table| table.columns.iter().any(depends),
                    |_, table| {
                        table.columns.retain(|c| !c.ty.as_ref().is_some_and(|ty| ty.is_named(key)));
                        for column in table.columns.iter_mut().filter(|c| depends(c)) {
                            Rc::make_mut(column).default = None;
                        }
                    },
                );
                self.catalog.types.remove(key);
            }
            ObjectType::View | ObjectType::MaterializedView if self.catalog.views.remove(key).is_none() => {
                missing(self, "view")
            }
            ObjectType::Sequence if self.catalog.sequences.remove(key).is_none() => missing(self, "sequence"),
            ObjectType::Schema => {
                self.catalog.schemas.remove(&key.name);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Known;

    #[test]
    fn each_statement_is_replayed_as_it_is_read_and_the_schema_before_stays_readable() {
        let mut history = History::default();
        let first = "CREATE TABLE \"T\" (\"a\" TEXT, CONSTRAINT \"T_pkey\" PRIMARY KEY (\"a\"));\nCREATE INDEX \"T_a_idx\" ON \"T\"(\"a\");";
        let (analysis, failure) = history.read(first);
        assert!(failure.is_none());
        assert!(analysis.statements.iter().all(|s| s.tree.is_empty()), "no tree is kept");
        assert!(history.before().table(&Key::public("T")).is_none(), "new in the first migration");
        let second = "ALTER TABLE \"T\" ADD COLUMN \"b\" INTEGER;\nALTER TABLE \"T\" RENAME COLUMN \"a\" TO \"c\";\nDROP INDEX \"T_a_idx\";\nCREATE TABLE \"U\" (\"x\" TEXT);";
        history.read(second);
        let before = history.before();
        let columns = |table: &Table| table.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(columns(before.table(&Key::public("T")).unwrap()), ["a"]);
        assert_eq!(columns(before.after().tables.get(&Key::public("T")).unwrap()), ["c", "b"]);
        assert_eq!(before.table(&Key::public("T")).unwrap().constraints[0].columns, ["a"], "shared, not changed");
        assert!(before.index(&Key::public("T_a_idx")).is_some());
        assert!(before.after().indexes.get(&Key::public("T_a_idx")).is_none());
        assert_eq!(before.table_state(&Key::public("U")), Known::Absent);
        assert_eq!(before.after().table_state(&Key::public("U")), Known::Present);
        // A refused migration: undone, and the schema before it is still the one its checks read.
        let refused = "ALTER TABLE \"T\" ADD COLUMN \"d\" TEXT;\nALTER TABLE \"Missing\" ADD COLUMN \"e\" TEXT;";
        let (_, failure) = history.read(refused);
        assert_eq!(failure.map(|f| f.sqlstate), Some("42P01"));
        // Its checks see what the file did up to the refused statement; then it is undone.
        assert_eq!(columns(history.before().after().tables.get(&Key::public("T")).unwrap()), ["c", "b", "d"]);
        history.settle(refused);
        let before = history.before();
        assert_eq!(columns(before.table(&Key::public("T")).unwrap()), ["c", "b"]);
        assert_eq!(columns(before.after().tables.get(&Key::public("T")).unwrap()), ["c", "b"], "undone");
    }

    /// Replay `migrations` in the given order, as a history: the catalog they leave and the refused
    /// statements, by index into `migrations`.
    fn replay_history(migrations: &[&str]) -> (Catalog, Vec<(usize, Failure)>) {
        let mut history = History::default();
        let mut failures = Vec::new();
        for (index, sql) in migrations.iter().enumerate() {
            if let (_, Some(failure)) = history.read(sql) {
                failures.push((index, failure));
            }
            history.settle(sql);
        }
        (history.into_catalog(), failures)
    }

    use crate::model::Schema;

    /// Replay `sql` as one migration: the catalog's rows and the failures' SQLSTATEs.
    fn replay(sql: &str) -> (Schema, Vec<&'static str>) {
        let mut replay = Replay::default();
        let analysis = crate::syntax::analyze_keeping_trees(sql);
        for statement in &analysis.statements {
            replay.apply(sql, statement, &analysis.actions);
        }
        replay.end_migration();
        (replay.catalog.schema(), replay.failures.iter().map(|f| f.sqlstate).collect())
    }

    fn columns(schema: &Schema) -> Vec<String> {
        schema
            .columns
            .iter()
            .map(|c| {
                let mut line = format!("{}.{} {}", c.table, c.name, c.ty.as_deref().unwrap_or("?"));
                if c.not_null {
                    line.push_str(" not null");
                }
                if let Some(default) = &c.default {
                    line.push_str(&format!(" default {default}"));
                }
                line
            })
            .collect()
    }

    fn names<T>(rows: &[T], name: impl Fn(&T) -> String) -> Vec<String> {
        rows.iter().map(name).collect()
    }

    #[test]
    fn create_table_names_types_defaults_and_constraints_as_postgresql_does() {
        let (schema, failures) = replay(
            r#"CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
            CREATE TABLE "User" (
                "id" SERIAL NOT NULL,
                "email" VARCHAR(255) NOT NULL DEFAULT 'a@b.c',
                "role" "Role" NOT NULL DEFAULT 'USER',
                "roles" "Role"[] DEFAULT ARRAY['USER']::"Role"[],
                "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
                "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
                "delta" INTEGER DEFAULT -1,
                "price" DECIMAL(10,2) DEFAULT 0.5,
                "meta" JSONB DEFAULT '{"b":1,"a":[true]}',
                "at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
                "tz" TIMESTAMPTZ(6) DEFAULT now(),
                "uid" UUID DEFAULT gen_random_uuid(),
                CONSTRAINT "User_pkey" PRIMARY KEY ("id")
            );
            CREATE UNIQUE INDEX "User_email_key" ON "User"("email");"#,
        );
        assert_eq!(failures, Vec::<&str>::new());
        assert_eq!(
            columns(&schema),
            [
                r#"User.id integer not null default nextval('"User_id_seq"'::regclass)"#,
                "User.email character varying(255) not null default 'a@b.c'::character varying",
                r#"User.role "Role" not null default 'USER'::"Role""#,
                r#"User.roles "Role"[] default ARRAY['USER'::"Role"]"#,
                "User.tags text[] default ARRAY[]::text[]",
                "User.score double precision not null default 0",
                "User.delta integer default '-1'::integer",
                "User.price numeric(10,2) default 0.5",
                r#"User.meta jsonb default '{"a": [true], "b": 1}'::jsonb"#,
                "User.at timestamp(3) without time zone default CURRENT_TIMESTAMP",
                "User.tz timestamp(6) with time zone default now()",
                "User.uid uuid default gen_random_uuid()",
            ]
        );
        assert_eq!(names(&schema.sequences, |s| s.name.clone()), ["User_id_seq"]);
        assert_eq!(
            names(&schema.indexes, |i| format!("{} {} {}", i.name, i.unique, i.primary)),
            ["User_email_key true false", "User_pkey true true"]
        );
        assert_eq!(schema.enums[0].values, ["USER", "ADMIN"]);
    }

    #[test]
    fn unnamed_constraints_get_postgresql_s_default_names() {
        let (schema, _) = replay(
            r#"CREATE TABLE a (id INT PRIMARY KEY, code TEXT UNIQUE, n INT CHECK (n > 0), m INT, CHECK (m > n), CHECK (m > 1));
            CREATE TABLE b (id INT, a_id INT REFERENCES a (id));
            CREATE INDEX ON b (a_id);"#,
        );
        let mut found =
            names(&schema.constraints, |c| format!("{} {}", c.name, serde_json::to_string(&c.kind).unwrap()));
        found.sort();
        assert_eq!(
            found,
            [
                r#"a_check "c""#,
                r#"a_code_key "u""#,
                r#"a_m_check "c""#,
                r#"a_n_check "c""#,
                r#"a_pkey "p""#,
                r#"b_a_id_fkey "f""#
            ]
        );
        assert!(schema.indexes.iter().any(|i| i.name == "b_a_id_idx"));
        assert_eq!(columns(&schema)[0], "a.id integer not null", "a primary key's column is NOT NULL");
    }

    #[test]
    fn alter_table_follows_every_clause() {
        let (schema, failures) = replay(
            r#"CREATE TABLE "T" ("a" TEXT, "b" INTEGER, "c" TEXT, "e" INTEGER, CONSTRAINT "T_pkey" PRIMARY KEY ("a"));
            CREATE INDEX "T_b_idx" ON "T"("b");
            ALTER TABLE "T" ADD COLUMN "d" BOOLEAN NOT NULL DEFAULT false,
                ALTER COLUMN "b" SET DATA TYPE BIGINT,
                ALTER COLUMN "e" SET DATA TYPE BIGINT,
                ALTER COLUMN "c" SET NOT NULL,
                ALTER COLUMN "c" SET DEFAULT 'x',
                DROP COLUMN "b";
            ALTER TABLE "T" RENAME COLUMN "c" TO "cc";
            ALTER TABLE "T" RENAME CONSTRAINT "T_pkey" TO "T_pk";
            ALTER TABLE "T" RENAME TO "U";"#,
        );
        assert_eq!(failures, Vec::<&str>::new());
        assert_eq!(
            columns(&schema),
            [
                "U.a text not null",
                "U.cc text not null default 'x'::text",
                "U.e bigint",
                "U.d boolean not null default false"
            ]
        );
        assert_eq!(
            names(&schema.indexes, |i| format!("{}.{}", i.table, i.name)),
            ["U.T_pk"],
            "the dropped column's index went with it"
        );
        assert_eq!(names(&schema.constraints, |c| format!("{}.{}", c.table, c.name)), ["U.T_pk"]);
    }

    #[test]
    fn enums_follow_added_renamed_and_rebuilt_values() {
        let (schema, failures) = replay(
            r#"CREATE TYPE "S" AS ENUM ('A', 'C');
            ALTER TYPE "S" ADD VALUE 'B' BEFORE 'C';
            ALTER TYPE "S" ADD VALUE 'D' AFTER 'C';
            ALTER TYPE "S" ADD VALUE IF NOT EXISTS 'A';
            ALTER TYPE "S" RENAME VALUE 'D' TO 'E';
            CREATE TABLE "T" ("s" "S" NOT NULL DEFAULT 'A');
            CREATE TYPE "S_new" AS ENUM ('A', 'B');
            ALTER TABLE "T" ALTER COLUMN "s" DROP DEFAULT;
            ALTER TABLE "T" ALTER COLUMN "s" TYPE "S_new" USING ("s"::text::"S_new");
            ALTER TYPE "S" RENAME TO "S_old";
            ALTER TYPE "S_new" RENAME TO "S";
            DROP TYPE "S_old";
            ALTER TABLE "T" ALTER COLUMN "s" SET DEFAULT 'B';"#,
        );
        assert_eq!(failures, Vec::<&str>::new());
        assert_eq!(names(&schema.enums, |e| format!("{} {:?}", e.name, e.values)), [r#"S ["A", "B"]"#]);
        assert_eq!(columns(&schema), [r#"T.s "S" not null default 'B'::"S""#]);
    }

    #[test]
    fn drops_take_their_dependents_or_fail_as_postgresql_does() {
        let setup = r#"CREATE TABLE "P" ("id" TEXT PRIMARY KEY);
            CREATE TABLE "C" ("id" TEXT, "p" TEXT, CONSTRAINT "C_p_fkey" FOREIGN KEY ("p") REFERENCES "P"("id"));
            CREATE INDEX "C_p_idx" ON "C"("p");"#;
        let (_, failures) = replay(&format!("{setup} DROP TABLE \"P\";"));
        assert_eq!(failures, ["2BP01"], "a foreign key depends on it");
        let (schema, failures) = replay(&format!("{setup} DROP TABLE \"P\" CASCADE;"));
        assert_eq!(failures, Vec::<&str>::new());
        assert!(schema.constraints.is_empty(), "{:?}", schema.constraints);
        let (schema, _) = replay(&format!("{setup} ALTER TABLE \"C\" DROP COLUMN \"p\";"));
        assert_eq!(names(&schema.constraints, |c| c.name.clone()), ["P_pkey"], "the column's foreign key went with it");
        assert!(schema.indexes.iter().all(|i| i.name != "C_p_idx"));
        let (_, failures) = replay(&format!("{setup} DROP INDEX \"P_pkey\";"));
        assert_eq!(failures, ["2BP01"], "the primary key needs its index");
        let (_, failures) = replay(&format!("{setup} ALTER TABLE \"P\" RENAME TO \"Q\"; DROP TABLE \"Q\";"));
        assert_eq!(failures, ["2BP01"], "the foreign key followed the rename");
    }

    #[test]
    fn what_does_not_exist_fails_unless_if_exists() {
        let (_, failures) = replay(
            r#"ALTER TABLE "Nope" ADD COLUMN "a" TEXT;
            DROP TABLE "Nope";
            DROP TABLE IF EXISTS "Nope";
            CREATE TABLE "T" ("a" TEXT);
            ALTER TABLE "T" DROP COLUMN "b";
            ALTER TABLE "T" DROP COLUMN IF EXISTS "b";
            ALTER TABLE "T" DROP CONSTRAINT "T_x";
            ALTER TABLE "T" DROP CONSTRAINT IF EXISTS "T_x";
            DROP INDEX "T_a_idx";
            DROP INDEX IF EXISTS "T_a_idx";
            CREATE INDEX "i" ON "Nope" ("a");
            ALTER TYPE "E" ADD VALUE 'x';
            CREATE TABLE "T" ("a" TEXT);
            CREATE TABLE IF NOT EXISTS "T" ("a" TEXT);
            ALTER TABLE "T" ADD COLUMN "a" TEXT;
            ALTER TABLE "T" ADD COLUMN IF NOT EXISTS "a" TEXT;
            CREATE TABLE "B" ("a" TEXT REFERENCES "Nope"("id"));
            ALTER TABLE "T" ADD CONSTRAINT "T_a_fkey" FOREIGN KEY ("a") REFERENCES "Nope"("id");"#,
        );
        // A missing index is 42704, not 42P01 (PostgreSQL 18 in PGlite answers so; tests/js/verify.test.mjs).
        assert_eq!(
            failures,
            ["42P01", "42P01", "42703", "42704", "42704", "42P01", "42704", "42P07", "42701", "42P01", "42P01"]
        );
    }

    #[test]
    fn a_refused_file_is_undone_back_to_its_last_commit() {
        let mut history = History::default();
        history.read(r#"CREATE TABLE "T" ("a" TEXT); CREATE SEQUENCE "s";"#);
        let refused = r#"ALTER TABLE "T" ADD COLUMN "b" TEXT;
            COMMIT;
            CREATE VIEW "v" AS SELECT 1;
            DROP SEQUENCE "s";
            CREATE TRIGGER "t" AFTER INSERT ON "T" FOR EACH ROW EXECUTE FUNCTION f();
            CREATE EXTENSION citext;
            ALTER TABLE "Missing" ADD COLUMN "c" TEXT;
            CREATE TABLE "Never" ("x" TEXT);"#;
        let (_, failure) = history.read(refused);
        assert_eq!(failure.map(|f| f.sqlstate), Some("42P01"));
        history.settle(refused);
        let schema = history.catalog().schema();
        assert_eq!(columns(&schema), ["T.a text", "T.b text"], "the part before COMMIT stays");
        assert!(schema.views.is_empty() && schema.triggers.is_empty() && schema.extensions.is_empty());
        assert_eq!(names(&schema.sequences, |s| s.name.clone()), ["s"], "the drop after COMMIT is undone");
        let before = history.before();
        assert_eq!(
            before.table(&Key::public("T")).map(|t| t.columns.len()),
            Some(1),
            "its checks see the schema before it"
        );
        assert!(before.table(&Key::public("Never")).is_none());
    }

    #[test]
    fn after_a_first_migration_that_made_the_history_partial_the_schema_after_is_the_replayed_one() {
        let mut history = History::default();
        let (_, failure) = history.read(r#"ALTER TABLE "Missing" ADD COLUMN "x" TEXT; CREATE TABLE "T" ("a" TEXT);"#);
        assert!(failure.is_none());
        let before = history.before();
        assert!(before.table(&Key::public("T")).is_none(), "the empty schema before it");
        assert!(before.after().tables.get(&Key::public("T")).is_some());
        assert!(before.after().partial);
    }

    #[test]
    fn a_foreign_key_to_a_table_the_model_cannot_be_sure_of_is_kept() {
        // The first migration uses a table it does not create: the history is partial.
        let (catalog, failures) = replay_history(&[
            r#"ALTER TABLE "Missing" ADD COLUMN "x" TEXT;"#,
            r#"CREATE TABLE "B" ("a" TEXT REFERENCES "Gone"("id"), "b" TEXT, FOREIGN KEY ("b") REFERENCES "Gone"("id"));"#,
        ]);
        assert!(failures.is_empty());
        let keys = names(&catalog.schema().constraints, |c| c.name.clone());
        assert_eq!(keys, ["B_a_fkey", "B_b_fkey"]);
    }

    #[test]
    fn a_statement_is_refused_at_its_first_error() {
        let mut history = History::default();
        history.read(r#"CREATE TABLE "T" ("a" TEXT);"#);
        let (_, failure) = history.read(r#"ALTER TABLE "T" DROP COLUMN "x", DROP COLUMN "y";"#);
        assert_eq!(failure.map(|f| f.message), Some(r#"column "x" of relation "T" does not exist"#.to_string()));
    }

    #[test]
    fn do_blocks_are_followed_when_plain_and_otherwise_uncertain() {
        let (schema, failures) = replay(
            r#"CREATE TYPE "A" AS ENUM ('x');
            DO $$ BEGIN CREATE TYPE "A" AS ENUM ('y'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE TYPE "B" AS ENUM ('z'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE TYPE "A" AS ENUM ('q'); EXCEPTION WHEN duplicate_object THEN
                ALTER TYPE "A" ADD VALUE IF NOT EXISTS 'w'; END $$;
            DO $$ BEGIN IF EXISTS (SELECT 1 FROM "T") THEN UPDATE "T" SET a = 1; END IF; END $$;"#,
        );
        assert_eq!(failures, Vec::<&str>::new());
        assert_eq!(names(&schema.enums, |e| format!("{} {:?}", e.name, e.values)), [r#"A ["x", "w"]"#, r#"B ["z"]"#]);
        assert!(schema.uncertain.is_empty(), "a data-only block changes no schema: {:?}", schema.uncertain);

        let (schema, failures) = replay(
            r#"CREATE TABLE "T" ("a" TEXT);
            DO $$ BEGIN IF true THEN EXECUTE 'ALTER TABLE "T" ADD COLUMN b TEXT'; ALTER TABLE "T" ADD COLUMN c TEXT; END IF; END $$;
            DROP INDEX "made_in_the_block";"#,
        );
        assert_eq!(schema.uncertain, ["table T: changed in a DO block, which the model does not follow"]);
        assert_eq!(failures, Vec::<&str>::new(), "after a block the model cannot follow, nothing missing is certain");
    }

    #[test]
    fn temporary_tables_and_unreadable_statements() {
        let (schema, failures) = replay(
            r#"CREATE TEMP TABLE "tmp" AS SELECT 1 AS a;
            SELECT * INTO TEMP TABLE t2 FROM "tmp";
            ALTER TABLE "tmp" ADD COLUMN b TEXT;
            DROP TABLE t2;"#,
        );
        assert_eq!((schema.tables.len(), failures), (0, Vec::<&str>::new()));
        let (schema, _) = replay("CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int GARBAGE GARBAGE;");
        assert_eq!(schema.uncertain, ["table t: changed by a statement the parser could not read"]);
        let (schema, _) = replay("CREATE TABLE Users (a int);\nALTER TABLE Users ADD COLUMN b int GARBAGE GARBAGE;");
        assert_eq!(schema.uncertain, ["table users: changed by a statement the parser could not read"]);
    }

    #[test]
    fn a_history_whose_first_migration_uses_what_it_does_not_create_is_partial() {
        let sql = [
            r#"ALTER TABLE "Old" ADD COLUMN "a" TEXT; CREATE TABLE "New" ("id" TEXT);"#,
            r#"DROP TABLE "Other"; DROP TABLE "New";"#,
            r#"CREATE TABLE "A" ("id" TEXT);"#,
        ];
        let (catalog, failures) = replay_history(&[sql[0], sql[1]]);
        assert!(catalog.partial && failures.is_empty(), "{failures:?}");
        assert!(catalog.tables.is_empty(), "New was made and dropped");
        let (catalog, failures) = replay_history(&[sql[2], sql[1]]);
        assert!(!catalog.partial);
        assert_eq!(failures.iter().map(|(i, f)| (*i, f.sqlstate)).collect::<Vec<_>>(), [(1, "42P01")]);
        assert!(catalog.tables.contains_key(&Key::public("A")), "the refused file is undone, the earlier one kept");
    }

    #[test]
    fn statements_sqlparser_reads_only_with_help_still_change_the_schema() {
        let (schema, failures) = replay(
            r#"CREATE TABLE "T" ("a" TEXT);
            CREATE INDEX "T_a_idx" ON "T"("a");
            DROP INDEX CONCURRENTLY IF EXISTS "T_a_idx";
            CREATE TRIGGER "t_audit" AFTER INSERT ON "T" FOR EACH ROW EXECUTE FUNCTION audit('T', 1);
            COMMENT ON FUNCTION audit(text, integer) IS 'x';"#,
        );
        assert_eq!(failures, Vec::<&str>::new());
        assert!(schema.indexes.is_empty() && schema.uncertain.is_empty(), "{schema:?}");
        assert_eq!(names(&schema.triggers, |t| format!("{}.{}", t.table, t.name)), ["T.t_audit"]);
    }

    #[test]
    fn long_names_are_cut_to_63_bytes() {
        let long = "a".repeat(70);
        let (schema, _) = replay(&format!("CREATE TABLE \"{long}\" (\"{long}\" INT UNIQUE);"));
        assert_eq!(schema.tables[0].name.len(), 63);
        assert_eq!(schema.constraints[0].name, format!("{}_{}_key", "a".repeat(29), "a".repeat(29)));
    }
}
