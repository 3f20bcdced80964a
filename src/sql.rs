//! Split a migration into statements, parse each with sqlparser, and turn them into actions.
//!
//! Statement spans come from our own tokens (sqlparser's are character-based and often empty).
//! Each statement is parsed on its own, so one unreadable statement costs only itself: it is
//! classified by the token scanner and reported, never skipped.

use std::collections::{HashMap, HashSet};

use sqlparser::ast::{
    self, AlterColumnOperation, AlterTableOperation, AlterTypeOperation, ColumnOption, FromTable, ObjectName,
    ObjectNamePart, ObjectType, RenameTableNameKind, SetExpr, Statement as Ast, TableConstraint, TableFactor,
    TableObject,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use crate::actions::{Action, ActionKind, ConstraintKind, Name, ObjectKind, Source};
use crate::approvals::{self, ExternalApproval};
use crate::finding::{Draft, Report, Span};
use crate::lexer::{tokenize, Kind, Token};
use crate::rules::{self, Check, Context, Hit};
use crate::scan::{alter_table_clauses, keyword_clause, scan_plpgsql, scan_statement, span_of};
use crate::source::LineIndex;

/// How a statement was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Parsed,
    /// The parser failed with this message; the statement was classified from tokens.
    Scanned {
        error: String,
        at: usize,
    },
    /// A `DO` block: its PL/pgSQL body was classified from tokens.
    DoBlock,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// From the first token to the terminating `;` (included when present).
    pub span: Span,
    pub reading: Reading,
}

/// Everything known about one migration's SQL.
#[derive(Debug, Default)]
pub struct Analysis {
    pub statements: Vec<Statement>,
    pub actions: Vec<Action>,
    /// Strings, identifiers or comments left open at the end of the file.
    pub unterminated: Vec<Token>,
    /// All tokens, comments included (approvals are read from comments).
    pub tokens: Vec<Token>,
}

/// Read `sql` into statements and actions.
pub fn analyze(sql: &str) -> Analysis {
    let tokens = tokenize(sql);
    let mut analysis =
        Analysis { unterminated: tokens.iter().filter(|t| t.unterminated).copied().collect(), ..Analysis::default() };
    let code: Vec<Token> = tokens.iter().filter(|t| !t.is_comment()).copied().collect();
    for piece in split_statements(sql, &code) {
        let (body, terminator) = match piece.split_last() {
            Some((last, body)) if last.is_punct(';') => (body, Some(last)),
            _ => (piece, None),
        };
        let Some(text_span) = span_of(body) else { continue };
        let span = Span::new(text_span.start, terminator.map_or(text_span.end, |t| t.span.end));
        let (reading, actions) = read_statement(sql, body, text_span, span);
        analysis.actions.extend(actions);
        analysis.statements.push(Statement { span, reading });
    }
    analysis.tokens = tokens;
    analysis
}

/// Split comment-free tokens into statements at `;`, keeping `BEGIN ATOMIC ... END` bodies whole.
fn split_statements<'a>(src: &str, code: &'a [Token]) -> Vec<&'a [Token]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut atomic_depth = 0usize;
    for (i, token) in code.iter().enumerate() {
        if token.is(src, "ATOMIC") && i > 0 && code[i - 1].is(src, "BEGIN") {
            atomic_depth += 1;
        } else if atomic_depth > 0 && token.is(src, "END") {
            atomic_depth -= 1;
        } else if token.is_punct(';') && atomic_depth == 0 {
            pieces.push(&code[start..=i]);
            start = i + 1;
        }
    }
    if start < code.len() {
        pieces.push(&code[start..]);
    }
    pieces
}

fn read_statement(sql: &str, body: &[Token], text_span: Span, span: Span) -> (Reading, Vec<Action>) {
    if let Some(do_body) = do_block_body(sql, body) {
        return (Reading::DoBlock, scan_plpgsql(sql, do_body, span));
    }
    let text = &sql[text_span.start..text_span.end];
    match Parser::parse_sql(&PostgreSqlDialect {}, text) {
        Ok(parsed) => {
            let mut actions = Vec::new();
            for statement in &parsed {
                from_ast(&mut Builder { sql, tokens: body, span, actions: &mut actions }, statement);
            }
            (Reading::Parsed, actions)
        }
        Err(error) => {
            let message = error.to_string();
            let at = error_offset(text, &message).map_or(text_span.start, |offset| text_span.start + offset);
            let actions = scan_statement(sql, body, span, Source::Scanned);
            (Reading::Scanned { error: clean_error(&message), at }, actions)
        }
    }
}

/// `DO [LANGUAGE x] $$ body $$ [LANGUAGE x]`: the body's span.
fn do_block_body(sql: &str, body: &[Token]) -> Option<Span> {
    if !body.first()?.is(sql, "DO") {
        return None;
    }
    body.iter().find_map(|t| match t.kind {
        Kind::DollarString { body } => Some(body),
        _ => None,
    })
}

/// sqlparser reports positions only inside its messages: `... at Line: 2, Column: 7`.
/// Columns count characters from 1.
fn error_offset(text: &str, message: &str) -> Option<usize> {
    let rest = &message[message.rfind("Line: ")? + 6..];
    let (line, rest) = rest.split_once(", Column: ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()?;
    let line_start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let line_text = &text[line_start..];
    let offset = line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    Some(line_start + offset)
}

/// Drop sqlparser's position suffix (the finding carries the position) and its prefix.
fn clean_error(message: &str) -> String {
    let message = message.strip_prefix("sql parser error: ").unwrap_or(message);
    match message.rfind(" at Line: ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
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
    let parts: Vec<String> = object
        .0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(ident) => ident.value.clone(),
            ObjectNamePart::Function(function) => function.name.value.clone(),
        })
        .collect();
    Name::from_parts(&parts).unwrap_or_else(|| Name::new(None, &object.to_string()))
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
            let name = Name::new(None, &drop.name.value);
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
                        name: Name::new(None, &name.value),
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
                    b.push(ActionKind::RenameType { name, to: rename.new_name.value.clone() }, whole)
                }
                AlterTypeOperation::RenameValue(rename) => {
                    b.push(ActionKind::RenameType { name, to: rename.to.value.clone() }, whole)
                }
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
    let parts = crate::scan::split_top_level_commas(b.tokens);
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
            .map(|column| ActionKind::DropColumn { table: table.clone(), column: column.value.clone() })
            .collect(),
        AlterTableOperation::DropConstraint { name, .. } => {
            vec![ActionKind::DropConstraint { table, constraint: name.value.clone() }]
        }
        AlterTableOperation::DropPrimaryKey { .. } => {
            vec![ActionKind::DropConstraint { table, constraint: "PRIMARY KEY".into() }]
        }
        AlterTableOperation::DropForeignKey { name, .. } => {
            vec![ActionKind::DropConstraint { table, constraint: name.value.clone() }]
        }
        AlterTableOperation::RenameColumn { old_column_name, new_column_name } => vec![ActionKind::RenameColumn {
            table,
            column: old_column_name.value.clone(),
            to: new_column_name.value.clone(),
        }],
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::As(to) | RenameTableNameKind::To(to)) = table_name;
            vec![ActionKind::RenameTable { table, to: name_of(to).name }]
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let column = column_name.value.clone();
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
            vec![ActionKind::AddColumn {
                table,
                column: column_def.name.value.clone(),
                not_null: options().any(|o| matches!(o, ColumnOption::NotNull | ColumnOption::PrimaryKey(_))),
                has_default: options().any(|o| matches!(o, ColumnOption::Default(_) | ColumnOption::Generated { .. })),
            }]
        }
        AlterTableOperation::AddConstraint { constraint, not_valid } => {
            let (kind, name) = match constraint {
                TableConstraint::PrimaryKey(c) => (ConstraintKind::PrimaryKey, c.name.as_ref()),
                TableConstraint::Unique(c) => (ConstraintKind::Unique, c.name.as_ref()),
                TableConstraint::ForeignKey(c) => (ConstraintKind::ForeignKey, c.name.as_ref()),
                TableConstraint::Check(c) => (ConstraintKind::Check, c.name.as_ref()),
                TableConstraint::PrimaryKeyUsingIndex(c) => (ConstraintKind::PrimaryKey, c.name.as_ref()),
                TableConstraint::UniqueUsingIndex(c) => (ConstraintKind::Unique, c.name.as_ref()),
                _ => (ConstraintKind::Other, None),
            };
            vec![ActionKind::AddConstraint {
                table,
                constraint: name.map(|n| n.value.clone()),
                kind,
                not_valid: *not_valid,
            }]
        }
        _ => vec![ActionKind::TouchTable { table }],
    }
}

/// Analyze `sql` and run every rule over it.
pub fn check(sql: &str, file: &str) -> Report {
    check_with(sql, file, &[])
}

/// [`check`], with approvals kept outside the SQL for this migration.
pub fn check_with(sql: &str, file: &str, external_approvals: &[ExternalApproval]) -> Report {
    check_analysis(sql, file, &analyze(sql), external_approvals)
}

/// [`check_with`] over an [`Analysis`] the caller already has (the folder checks reuse its
/// actions for naming and order, so each migration is parsed once).
pub fn check_analysis(sql: &str, file: &str, analysis: &Analysis, external_approvals: &[ExternalApproval]) -> Report {
    let index = LineIndex::new(sql);
    let mut drafts = Vec::new();

    let created_tables: HashSet<String> = analysis
        .actions
        .iter()
        .filter_map(|action| match &action.kind {
            ActionKind::CreateTable { table } => Some(table.name.to_lowercase()),
            _ => None,
        })
        .collect();
    let context = Context { created_tables: &created_tables };
    for action in &analysis.actions {
        for rule in rules::RULES {
            if let Check::Action(check) = rule.check {
                if let Some(Hit { message, help }) = check(action, &context) {
                    drafts.push(Draft { rule: &rule.meta, span: action.span, message, help });
                }
            }
        }
    }
    drafts.extend(parse_drafts(sql, analysis));

    let mut report = Report::default();
    report.findings = drafts.into_iter().map(|draft| draft.locate(file, &index)).collect();
    approvals::apply(sql, file, analysis, &index, external_approvals, &mut report.findings);
    report.summary.files = 1;
    report.summary.statements = analysis.statements.len();
    report.summary.parsed = analysis.statements.iter().filter(|s| s.reading == Reading::Parsed).count();
    report.summary.scanned = report.summary.statements - report.summary.parsed;
    report.sort();
    report.tally();
    report
}

/// Findings for what could not be read fully: parse failures, `DO` blocks, unclosed literals.
fn parse_drafts(sql: &str, analysis: &Analysis) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut actions_per_statement: HashMap<usize, usize> = HashMap::new();
    for action in &analysis.actions {
        *actions_per_statement.entry(action.statement.start).or_default() += 1;
    }
    for statement in analysis.statements.iter().filter(|s| s.reading != Reading::Parsed) {
        let found = match actions_per_statement.get(&statement.span.start).copied().unwrap_or(0) {
            0 => "no destructive or risky action found by the scan".to_string(),
            1 => "1 action found by the scan is reported separately".to_string(),
            n => format!("{n} actions found by the scan are reported separately"),
        };
        match &statement.reading {
            Reading::Parsed => {}
            Reading::Scanned { error, at } => drafts.push(Draft {
                rule: &rules::parse_error::RULE.meta,
                // Point at the statement, from where the parser gave up when it says so.
                span: Span::new((*at).clamp(statement.span.start, statement.span.end), statement.span.end),
                message: format!(
                    "the SQL parser could not read this statement ({error}); it was scanned only: {found}"
                ),
                help: None,
            }),
            Reading::DoBlock => drafts.push(Draft {
                rule: &rules::do_block::RULE.meta,
                span: statement.span,
                message: format!("DO block: its PL/pgSQL body was scanned, not parsed: {found}"),
                help: None,
            }),
        }
    }
    for token in &analysis.unterminated {
        let what = match token.kind {
            Kind::String => "string literal",
            Kind::QuotedIdent => "quoted identifier",
            Kind::DollarString { .. } => "dollar-quoted body",
            _ => "block comment",
        };
        // The opening delimiter: `'`, `E'`, `U&"`, `$tag$`, `/*` (all ASCII, so the span ends on a
        // char boundary whatever follows).
        let text = token.text(sql);
        let opening_len = match token.kind {
            Kind::DollarString { body } => body.start - token.span.start,
            Kind::String | Kind::QuotedIdent => text.find(['\'', '"']).map_or(1, |quote| quote + 1),
            _ => 2.min(text.len()),
        };
        let opening = Span::new(token.span.start, token.span.start + opening_len);
        drafts.push(Draft {
            rule: &rules::unterminated::RULE.meta,
            span: opening,
            message: format!("{what} opened here is never closed"),
            help: None,
        });
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;

    fn rules_and_lines(sql: &str) -> Vec<(String, u32)> {
        check(sql, "m.sql").findings.into_iter().map(|f: Finding| (f.rule, f.line)).collect()
    }

    #[test]
    fn statements_span_from_first_token_to_semicolon() {
        let sql = "-- c\nCREATE TABLE a (x INT);\n\n/* b */ DROP TABLE a ;";
        let analysis = analyze(sql);
        let spans: Vec<&str> = analysis.statements.iter().map(|s| &sql[s.span.start..s.span.end]).collect();
        assert_eq!(spans, vec!["CREATE TABLE a (x INT);", "DROP TABLE a ;"]);
        assert!(analysis.statements.iter().all(|s| s.reading == Reading::Parsed));
    }

    #[test]
    fn crlf_and_bom_keep_lines_right() {
        let sql = "\u{feff}-- x\r\nCREATE TABLE a (x INT);\r\n\r\nALTER TABLE a\r\n  DROP COLUMN x;\r\n";
        let report = check(sql, "m.sql");
        assert_eq!(report.findings.len(), 1);
        assert_eq!((report.findings[0].line, report.findings[0].column), (5, 3));
        assert_eq!(report.findings[0].excerpt, "DROP COLUMN x");
    }

    #[test]
    fn an_unreadable_statement_is_scanned_and_reported_where_the_parser_stopped() {
        let sql = "CREATE TABLE a (x INT);\nDROP TABLE a FROBNICATE;\n";
        let report = check(sql, "m.sql");
        let rules: Vec<(&str, u32)> = report.findings.iter().map(|f| (f.rule.as_str(), f.line)).collect();
        assert_eq!(rules, vec![("drop-table", 2), ("parse-error", 2)]);
        let parse = &report.findings[1];
        assert_eq!(parse.column, 14, "points at the token the parser could not read");
        assert!(parse.message.contains("1 action found by the scan"), "{}", parse.message);
        assert_eq!((report.summary.parsed, report.summary.scanned), (1, 1));
    }

    #[test]
    fn do_blocks_count_and_function_bodies_do_not() {
        let sql = "DO $$ BEGIN\n  DROP TABLE old_sessions;\nEND $$;\n\
                   CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM logs $$ LANGUAGE sql;\n";
        assert_eq!(rules_and_lines(sql), vec![("do-block".to_string(), 1), ("drop-table".to_string(), 2)]);
    }

    #[test]
    fn unterminated_string_is_reported_once_at_its_opening() {
        let sql = "UPDATE t SET a = 'x WHERE id = 1;\nDROP TABLE t;";
        let report = check(sql, "m.sql");
        let unterminated: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "unterminated").collect();
        assert_eq!(unterminated.len(), 1);
        assert_eq!((unterminated[0].line, unterminated[0].column), (1, 18));
        assert!(report.findings.iter().all(|f| f.rule != "drop-table"), "the DROP is inside the open string");
    }

    #[test]
    fn quoted_schema_qualified_names_are_unquoted_in_messages() {
        let report = check(r#"DROP TABLE "public"."Weird ""Name""";"#, "m.sql");
        assert_eq!(report.findings[0].message, "drops table `public.Weird \"Name\"` and all its rows");
    }

    #[test]
    fn empty_and_comment_only_input() {
        for sql in ["", "   \n", "-- nothing\n/* at all */", ";;;"] {
            let report = check(sql, "m.sql");
            assert!(report.findings.is_empty(), "{sql:?}");
            assert_eq!(report.summary.statements, 0, "{sql:?}");
        }
    }
}
