//! sqlparser's AST (PostgreSQL dialect) turned into actions: what a parsed statement does.

use sqlparser::ast::{
    self, AlterColumnOperation, AlterTableOperation, AlterTypeOperation, ColumnOption, FromTable, ObjectName,
    ObjectNamePart, ObjectType, RenameTableNameKind, SetExpr, Statement as Ast, TableConstraint, TableFactor,
    TableObject,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use crate::source::Span;
use crate::syntax::actions::{
    calls_volatile, is_serial_type, Action, ActionKind, ConstraintKind, Ident, Name, ObjectKind, Source,
};
use crate::syntax::bulk::Bulk;
use crate::syntax::handoff::{self, Refusal};
use crate::syntax::lexer::Token;
use crate::syntax::scan::{alter_table_clauses, keyword_clause, span_of, split_top_level_commas};

/// Parse one statement (`text`, the statement without its `;`) and list its actions, with the
/// syntax tree (which the schema model replays); the parser's refusal when it cannot read it.
/// `tokens` are the statement's comment-free tokens, `span` the whole statement with its `;`.
/// `bulk` is the reader of a huge `INSERT ... VALUES` that the analysis handed rows to as it lexed:
/// `tokens` are then what is left of the statement's.
pub fn statement_actions(
    sql: &str,
    tokens: &[Token],
    span: Span,
    text: &str,
    bulk: Option<Bulk>,
) -> Result<(Vec<Action>, Vec<Ast>), Refusal> {
    let parsed = match bulk.and_then(|bulk| bulk.finish(sql, tokens)) {
        // A huge `INSERT ... VALUES`, in pieces of bounded size (see `bulk`).
        Some(read) => read?,
        None => whole(sql, tokens, text)?,
    };
    let mut actions = Vec::new();
    for statement in &parsed {
        from_ast(&mut Builder { sql, tokens, span, actions: &mut actions }, statement);
    }
    Ok((actions, parsed))
}

/// The statement parsed at once: from our tokens where they convert (see `handoff`), from its text
/// by sqlparser's tokenizer otherwise, and always from its text when the parser refuses it, so that
/// the error is sqlparser's own, position and all.
fn whole(sql: &str, tokens: &[Token], text: &str) -> Result<Vec<Ast>, String> {
    let handed = handoff::parser_tokens(sql, tokens).and_then(|tokens| {
        Parser::new(&PostgreSqlDialect {}).with_tokens_with_locations(tokens).parse_statements().ok()
    });
    match handed.map_or_else(|| Parser::parse_sql(&PostgreSqlDialect {}, text), Ok) {
        Ok(parsed) => Ok(parsed),
        // Valid PostgreSQL that sqlparser does not read: read it again without the part it trips on,
        // blanked out so that every offset stays where it was; else the first error stands.
        Err(error) => match without_gap(sql, text, tokens) {
            Some(blanked) => Parser::parse_sql(&PostgreSqlDialect {}, &blanked).map_err(|_| error.to_string()),
            None => Err(error.to_string()),
        },
    }
}

/// `text` with the one part sqlparser 0.64 cannot read blanked out (spaces, so offsets hold), where
/// what is left means the same to the checks and the schema model:
/// - `DROP INDEX CONCURRENTLY ...`: the `CONCURRENTLY` (the statement still drops the index;
///   `concurrently-in-transaction` reads the tokens, not the tree);
/// - `COMMENT ON FUNCTION f(args)`: the argument list (a comment changes no schema);
/// - `CREATE TRIGGER ... EXECUTE FUNCTION f('literal')`: the arguments (the trigger, its name
///   and table, are what the model keeps).
fn without_gap(sql: &str, text: &str, tokens: &[Token]) -> Option<String> {
    let base = tokens.first()?.span.start;
    let word = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.is(sql, w));
    let blank = if word(0, "DROP") && word(1, "INDEX") && word(2, "CONCURRENTLY") {
        Some((tokens[2].span.start - base, tokens[2].span.end - base))
    } else if word(0, "COMMENT") && word(1, "ON") && (word(2, "FUNCTION") || word(2, "PROCEDURE")) {
        // `f(args)` -> `f`: sqlparser names the function without its signature.
        parenthesized_after(tokens, base, true, |i| i >= 3)
    } else if word(0, "CREATE") && (0..4).any(|i| word(i, "TRIGGER")) {
        let execute = tokens.iter().position(|t| t.is(sql, "EXECUTE"))?;
        parenthesized_after(tokens, base, false, |i| i > execute + 1)
    } else {
        None
    };
    let (start, end) = blank?;
    let mut out = text.as_bytes().to_vec();
    out.get_mut(start..end)?.fill(b' ');
    String::from_utf8(out).ok()
}

/// The first parenthesized list right after a token whose index `at` accepts (with its parentheses
/// when `whole`, else its inside when not empty), relative to the statement's text.
fn parenthesized_after(
    tokens: &[Token],
    base: usize,
    whole: bool,
    at: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let name = (0..tokens.len().saturating_sub(1)).find(|&i| at(i) && tokens[i + 1].is_punct('('))?;
    let open = name + 1;
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        if token.is_punct('(') {
            depth += 1;
        } else if token.is_punct(')') {
            depth -= 1;
            if depth == 0 {
                if whole {
                    return Some((tokens[open].span.start - base, token.span.end - base));
                }
                return (i > open + 1).then(|| (tokens[open].span.end - base, token.span.start - base));
            }
        }
    }
    None
}

/// Collects the actions of one parsed statement.
struct Builder<'a, 'b> {
    sql: &'a str,
    /// The statement's comment-free tokens, without the `;`.
    tokens: &'a [Token],
    span: Span,
    actions: &'b mut Vec<Action>,
}

impl Builder<'_, '_> {
    fn push(&mut self, kind: ActionKind, span: Span) {
        self.actions.push(Action { kind, span, statement: self.span, source: Source::Parsed });
    }

    fn whole(&self) -> Span {
        span_of(self.tokens).unwrap_or(self.span)
    }

    /// The span of the `nth` clause starting with `keyword` (nested DML), or the whole statement.
    fn clause(&self, keyword: &str, nth: usize) -> Span {
        keyword_clause(self.sql, self.tokens, keyword, nth).unwrap_or_else(|| self.whole())
    }
}

fn name_of(object: &ObjectName) -> Name {
    let parts: Vec<Ident> = object
        .0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(part) => ident(part),
            ObjectNamePart::Function(function) => ident(&function.name),
        })
        .collect();
    Name::from_parts(parts).unwrap_or_else(|| Name::unquoted(&object.to_string()))
}

/// sqlparser's identifier as ours: its value is already unescaped, its quote style says how to fold it.
fn ident(ident: &ast::Ident) -> Ident {
    Ident::new(ident.value.clone(), ident.quote_style.is_some())
}

fn table_of(table: &ast::TableWithJoins) -> Option<Name> {
    match &table.relation {
        TableFactor::Table { name, .. } => Some(name_of(name)),
        _ => None,
    }
}

/// Counts nested DML so each `DELETE`/`UPDATE` in a statement gets its own clause span.
#[derive(Default)]
struct Seen {
    deletes: usize,
    updates: usize,
}

fn from_ast(b: &mut Builder, statement: &Ast) {
    let mut seen = Seen::default();
    from_ast_nested(b, statement, &mut seen);
}

fn from_ast_nested(b: &mut Builder, statement: &Ast, seen: &mut Seen) {
    let whole = b.whole();
    match statement {
        Ast::Drop { object_type, names, cascade, table, .. } => {
            let targets = drop_target_spans(b, names.len());
            for (name, span) in names.iter().zip(targets) {
                let name = name_of(name);
                let kind = match object_type {
                    ObjectType::Table | ObjectType::ForeignTable => {
                        ActionKind::DropTable { table: name, cascade: *cascade }
                    }
                    ObjectType::Schema => ActionKind::DropSchema { schema: name, cascade: *cascade },
                    ObjectType::Database => ActionKind::DropDatabase { database: name },
                    other => {
                        ActionKind::DropObject { kind: object_kind(*other), name, on: table.as_ref().map(name_of) }
                    }
                };
                b.push(kind, span);
            }
        }
        Ast::DropFunction(drop) => {
            for function in &drop.func_desc {
                b.push(
                    ActionKind::DropObject { kind: ObjectKind::Function, name: name_of(&function.name), on: None },
                    whole,
                );
            }
        }
        Ast::DropProcedure { proc_desc, .. } => {
            for procedure in proc_desc {
                b.push(
                    ActionKind::DropObject { kind: ObjectKind::Procedure, name: name_of(&procedure.name), on: None },
                    whole,
                );
            }
        }
        Ast::DropTrigger(drop) => {
            let on = drop.table_name.as_ref().map(name_of);
            b.push(ActionKind::DropObject { kind: ObjectKind::Trigger, name: name_of(&drop.trigger_name), on }, whole);
        }
        Ast::DropDomain(drop) => {
            b.push(ActionKind::DropObject { kind: ObjectKind::Domain, name: name_of(&drop.name), on: None }, whole)
        }
        Ast::DropPolicy(drop) => {
            let name = Name::new(None, ident(&drop.name));
            b.push(
                ActionKind::DropObject { kind: ObjectKind::Policy, name, on: Some(name_of(&drop.table_name)) },
                whole,
            );
        }
        Ast::DropExtension(drop) => {
            for name in &drop.names {
                b.push(
                    ActionKind::DropObject {
                        kind: ObjectKind::Extension,
                        name: Name::new(None, ident(name)),
                        on: None,
                    },
                    whole,
                );
            }
        }
        Ast::Delete(delete) => {
            let span = b.clause("DELETE", seen.deletes);
            seen.deletes += 1;
            let tables = match &delete.from {
                FromTable::WithFromKeyword(tables) | FromTable::WithoutKeyword(tables) => tables,
            };
            for table in tables.iter().filter_map(table_of) {
                b.push(ActionKind::Delete { table, has_where: delete.selection.is_some() }, span);
            }
        }
        Ast::Update(update) => {
            let span = b.clause("UPDATE", seen.updates);
            seen.updates += 1;
            if let Some(table) = table_of(&update.table) {
                b.push(ActionKind::Update { table, has_where: update.selection.is_some() }, span);
            }
        }
        Ast::Truncate(truncate) => {
            for target in &truncate.table_names {
                b.push(ActionKind::Truncate { table: name_of(&target.name) }, whole);
            }
        }
        Ast::Query(query) => from_query(b, query, seen),
        Ast::Insert(insert) => {
            if let TableObject::TableName(table) = &insert.table {
                b.push(ActionKind::TouchTable { table: name_of(table) }, whole);
            }
            if let Some(source) = &insert.source {
                from_query(b, source, seen);
            }
        }
        Ast::CreateTable(create) => b.push(ActionKind::CreateTable { table: name_of(&create.name) }, whole),
        Ast::CreateIndex(index) => b.push(
            ActionKind::CreateIndex {
                name: index.name.as_ref().map(|n| name_of(n).name),
                table: name_of(&index.table_name),
                unique: index.unique,
                concurrently: index.concurrently,
            },
            whole,
        ),
        Ast::CreateType { name, .. } => b.push(ActionKind::CreateType { name: name_of(name) }, whole),
        Ast::AlterType(alter) => {
            let name = name_of(&alter.name);
            match &alter.operation {
                AlterTypeOperation::Rename(rename) => {
                    b.push(ActionKind::RenameType { name, to: ident(&rename.new_name) }, whole)
                }
                AlterTypeOperation::RenameValue(rename) => b.push(
                    ActionKind::RenameEnumValue { name, from: rename.from.value.clone(), to: rename.to.value.clone() },
                    whole,
                ),
                AlterTypeOperation::AddValue(add) => {
                    b.push(ActionKind::AddEnumValue { name, value: add.value.value.clone() }, whole)
                }
            }
        }
        Ast::AlterTable(alter) => from_alter_table(b, alter),
        Ast::RenameTable(renames) => {
            for rename in renames {
                let to = name_of(&rename.new_name).name;
                b.push(ActionKind::RenameTable { table: name_of(&rename.old_name), to }, whole);
            }
        }
        _ => {}
    }
}

/// Spans of the comma-separated targets of a `DROP`, or the whole statement when there is one.
fn drop_target_spans(b: &Builder, count: usize) -> Vec<Span> {
    let whole = b.whole();
    if count <= 1 {
        return vec![whole; count];
    }
    let parts = split_top_level_commas(b.tokens);
    if parts.len() == count {
        parts.iter().map(|part| span_of(part).unwrap_or(whole)).collect()
    } else {
        vec![whole; count]
    }
}

fn object_kind(object: ObjectType) -> ObjectKind {
    match object {
        ObjectType::Index => ObjectKind::Index,
        ObjectType::Type => ObjectKind::Type,
        ObjectType::View => ObjectKind::View,
        ObjectType::MaterializedView => ObjectKind::MaterializedView,
        ObjectType::Sequence => ObjectKind::Sequence,
        _ => ObjectKind::Other,
    }
}

fn from_query(b: &mut Builder, query: &ast::Query, seen: &mut Seen) {
    if let Some(with) = &query.with {
        for cte in &with.cte_tables {
            from_query(b, &cte.query, seen);
        }
    }
    from_set_expr(b, &query.body, seen);
}

fn from_set_expr(b: &mut Builder, body: &SetExpr, seen: &mut Seen) {
    match body {
        SetExpr::Delete(statement) | SetExpr::Update(statement) | SetExpr::Insert(statement) => {
            from_ast_nested(b, statement, seen)
        }
        SetExpr::Query(query) => from_query(b, query, seen),
        SetExpr::SetOperation { left, right, .. } => {
            from_set_expr(b, left, seen);
            from_set_expr(b, right, seen);
        }
        _ => {}
    }
}

fn from_alter_table(b: &mut Builder, alter: &ast::AlterTable) {
    let table = name_of(&alter.name);
    let whole = b.whole();
    // Each operation gets the span of its own clause when clauses and operations line up.
    let clauses: Vec<Span> = alter_table_clauses(b.sql, b.tokens)
        .map(|(_, clauses)| clauses.iter().filter_map(|clause| span_of(clause)).collect())
        .unwrap_or_default();
    let aligned = clauses.len() == alter.operations.len();
    for (i, operation) in alter.operations.iter().enumerate() {
        let span = if aligned { clauses[i] } else { whole };
        for kind in alter_operation(&table, operation) {
            b.push(kind, span);
        }
    }
}

fn alter_operation(table: &Name, operation: &AlterTableOperation) -> Vec<ActionKind> {
    let table = table.clone();
    match operation {
        AlterTableOperation::DropColumn { column_names, .. } => column_names
            .iter()
            .map(|column| ActionKind::DropColumn { table: table.clone(), column: ident(column) })
            .collect(),
        AlterTableOperation::DropConstraint { name, .. } => {
            vec![ActionKind::DropConstraint { table, constraint: ident(name) }]
        }
        AlterTableOperation::DropPrimaryKey { .. } => {
            vec![ActionKind::DropConstraint { table, constraint: "PRIMARY KEY".into() }]
        }
        AlterTableOperation::DropForeignKey { name, .. } => {
            vec![ActionKind::DropConstraint { table, constraint: ident(name) }]
        }
        AlterTableOperation::RenameColumn { old_column_name, new_column_name } => {
            vec![ActionKind::RenameColumn { table, column: ident(old_column_name), to: ident(new_column_name) }]
        }
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::As(to) | RenameTableNameKind::To(to)) = table_name;
            vec![ActionKind::RenameTable { table, to: name_of(to).name }]
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let column = ident(column_name);
            vec![match op {
                AlterColumnOperation::SetDataType { data_type, using, .. } => ActionKind::AlterColumnType {
                    table,
                    column,
                    new_type: data_type.to_string(),
                    using: using.is_some(),
                },
                AlterColumnOperation::SetNotNull => ActionKind::SetNotNull { table, column },
                AlterColumnOperation::DropNotNull => ActionKind::DropNotNull { table, column },
                AlterColumnOperation::SetDefault { .. } => ActionKind::SetDefault { table, column },
                _ => ActionKind::TouchTable { table },
            }]
        }
        AlterTableOperation::AddColumn { column_def, .. } => {
            let options = || column_def.options.iter().map(|o| &o.option);
            let serial = matches!(&column_def.data_type, ast::DataType::Custom(name, _) if is_serial_type(&name.to_string()))
                || options().any(|o| matches!(o, ColumnOption::Generated { generation_expr: None, .. }));
            let volatile_default = serial
                || options().any(|o| matches!(o, ColumnOption::Default(expr) if calls_volatile(&expr.to_string())));
            vec![ActionKind::AddColumn {
                table,
                column: ident(&column_def.name),
                not_null: options().any(|o| matches!(o, ColumnOption::NotNull | ColumnOption::PrimaryKey(_))),
                has_default: options().any(|o| matches!(o, ColumnOption::Default(_) | ColumnOption::Generated { .. })),
                serial,
                volatile_default,
            }]
        }
        AlterTableOperation::AddConstraint { constraint, not_valid } => {
            let (kind, name, using_index) = match constraint {
                TableConstraint::PrimaryKey(c) => (ConstraintKind::PrimaryKey, c.name.as_ref(), false),
                TableConstraint::Unique(c) => (ConstraintKind::Unique, c.name.as_ref(), false),
                TableConstraint::ForeignKey(c) => (ConstraintKind::ForeignKey, c.name.as_ref(), false),
                TableConstraint::Check(c) => (ConstraintKind::Check, c.name.as_ref(), false),
                TableConstraint::PrimaryKeyUsingIndex(c) => (ConstraintKind::PrimaryKey, c.name.as_ref(), true),
                TableConstraint::UniqueUsingIndex(c) => (ConstraintKind::Unique, c.name.as_ref(), true),
                _ => (ConstraintKind::Other, None, false),
            };
            vec![ActionKind::AddConstraint {
                table,
                constraint: name.map(ident),
                kind,
                not_valid: *not_valid,
                using_index,
            }]
        }
        _ => vec![ActionKind::TouchTable { table }],
    }
}
