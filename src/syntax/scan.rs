//! Reading statements from tokens: clause spans for parsed statements, and the whole
//! classification for statements the parser cannot read and for `DO` bodies.

use crate::source::Span;
use crate::syntax::actions::{
    calls_volatile, is_serial_type, Action, ActionKind, ConstraintKind, Ident, Name, ObjectKind, Source,
};
use crate::syntax::lexer::{tokenize_range, Kind, Token};

/// A read position over the (comment-free) tokens of one statement.
pub struct Cursor<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, tokens: &'a [Token]) -> Self {
        Cursor { src, tokens, pos: 0 }
    }

    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    fn at(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is(self.src, keyword))
    }

    /// Consume `keyword` if it comes next.
    fn eat(&mut self, keyword: &str) -> bool {
        let found = self.at(keyword);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consume the whole sequence if it comes next, else nothing.
    fn eat_all(&mut self, keywords: &[&str]) -> bool {
        let matches =
            keywords.iter().enumerate().all(|(i, k)| self.tokens.get(self.pos + i).is_some_and(|t| t.is(self.src, k)));
        if matches {
            self.pos += keywords.len();
        }
        matches
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.peek().is_some_and(|t| t.is_punct(c));
        if found {
            self.pos += 1;
        }
        found
    }

    fn ident(&mut self) -> Option<Ident> {
        let name = self.peek()?.ident(self.src)?;
        self.pos += 1;
        Some(name)
    }

    /// A plain string literal's value.
    fn string(&mut self) -> Option<String> {
        let value = self.peek()?.string_value(self.src)?;
        self.pos += 1;
        Some(value)
    }

    /// A dotted name: `"public"."User"`, `users`.
    fn name(&mut self) -> Option<Name> {
        let mut parts = vec![self.ident()?];
        while self.peek().is_some_and(|t| t.is_punct('.')) {
            self.pos += 1;
            parts.push(self.ident()?);
        }
        Name::from_parts(parts)
    }

    fn rest(&self) -> &'a [Token] {
        &self.tokens[self.pos.min(self.tokens.len())..]
    }
}

/// The span from the first to the last token.
pub fn span_of(tokens: &[Token]) -> Option<Span> {
    Some(Span::new(tokens.first()?.span.start, tokens.last()?.span.end))
}

/// Split at commas outside parentheses.
pub fn split_top_level_commas(tokens: &[Token]) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Punct('(') | Kind::Punct('[') => depth += 1,
            Kind::Punct(')') | Kind::Punct(']') => depth = depth.saturating_sub(1),
            Kind::Punct(',') if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts.retain(|part| !part.is_empty());
    parts
}

/// Whether `keyword` occurs outside parentheses.
fn has_top_level(src: &str, tokens: &[Token], keyword: &str) -> bool {
    let mut depth = 0usize;
    tokens.iter().any(|token| {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && token.is(src, keyword)
    })
}

/// The clauses of an `ALTER TABLE` after its table name, one per comma-separated action,
/// and the table name. `None` if the statement is not an `ALTER TABLE`.
pub fn alter_table_clauses<'a>(src: &'a str, tokens: &'a [Token]) -> Option<(Name, Vec<&'a [Token]>)> {
    let mut cursor = Cursor::new(src, tokens);
    if !cursor.eat_all(&["ALTER", "TABLE"]) && !cursor.eat_all(&["ALTER", "FOREIGN", "TABLE"]) {
        return None;
    }
    cursor.eat_all(&["IF", "EXISTS"]);
    cursor.eat("ONLY");
    let table = cursor.name()?;
    cursor.eat_punct('*');
    Some((table, split_top_level_commas(cursor.rest())))
}

/// The span of the `nth` (0-based) occurrence of `keyword`, up to the end of its parenthesised
/// group or of the statement: where a nested `DELETE` or `UPDATE` in a CTE is.
pub fn keyword_clause(src: &str, tokens: &[Token], keyword: &str, nth: usize) -> Option<Span> {
    let start = tokens.iter().enumerate().filter(|(_, t)| t.is(src, keyword)).nth(nth)?.0;
    let mut depth = 0usize;
    let mut end = tokens.len() - 1;
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') if depth == 0 => {
                end = i.saturating_sub(1);
                break;
            }
            Kind::Punct(')') => depth -= 1,
            _ => {}
        }
    }
    span_of(&tokens[start..=end.max(start)])
}

/// Classify a statement from its tokens alone. Used when the parser cannot read it.
pub fn scan_statement(src: &str, tokens: &[Token], statement: Span, source: Source) -> Vec<Action> {
    let mut actions = Vec::new();
    let whole = span_of(tokens).unwrap_or(statement);
    let mut push = |kind: ActionKind, span: Span| actions.push(Action { kind, span, statement, source });
    let mut c = Cursor::new(src, tokens);

    if c.eat("DROP") {
        let Some(dropped) = dropped_kind(&mut c) else { return actions };
        c.eat_all(&["IF", "EXISTS"]);
        let cascade = has_top_level(src, tokens, "CASCADE");
        let targets = split_top_level_commas(c.rest());
        let single = targets.len() == 1;
        for (i, target) in targets.iter().enumerate() {
            let mut t = Cursor::new(src, target);
            let Some(name) = t.name() else { continue };
            // As the parsed path splits the statement: the first target keeps `DROP <kind>`.
            let span = match span_of(target) {
                _ if single => whole,
                Some(part) if i == 0 => Span::new(whole.start, part.end),
                Some(part) => part,
                None => whole,
            };
            let on = if t.rest().iter().any(|tok| tok.is(src, "ON")) {
                let mut after = Cursor::new(src, t.rest());
                while !after.eat("ON") && after.peek().is_some() {
                    after.pos += 1;
                }
                after.name()
            } else {
                None
            };
            let kind = match dropped {
                Dropped::Table => ActionKind::DropTable { table: name, cascade },
                Dropped::Schema => ActionKind::DropSchema { schema: name, cascade },
                Dropped::Database => ActionKind::DropDatabase { database: name },
                Dropped::Object(kind) => ActionKind::DropObject { kind, name, on },
            };
            push(kind, span);
        }
    } else if c.eat("DELETE") {
        c.eat("FROM");
        c.eat("ONLY");
        if let Some(table) = c.name() {
            push(ActionKind::Delete { table, has_where: has_top_level(src, tokens, "WHERE") }, whole);
        }
    } else if c.eat("TRUNCATE") {
        c.eat("TABLE");
        for target in split_top_level_commas(c.rest()) {
            let mut t = Cursor::new(src, target);
            t.eat("ONLY");
            if let Some(table) = t.name() {
                push(ActionKind::Truncate { table }, whole);
            }
        }
    } else if c.eat("UPDATE") {
        c.eat("ONLY");
        if let Some(table) = c.name() {
            if c.rest().iter().any(|t| t.is(src, "SET")) {
                push(ActionKind::Update { table, has_where: has_top_level(src, tokens, "WHERE") }, whole);
            }
        }
    } else if c.eat("INSERT") {
        c.eat("INTO");
        if let Some(table) = c.name() {
            push(ActionKind::TouchTable { table }, whole);
        }
    } else if c.eat("CREATE") {
        c.eat_all(&["OR", "REPLACE"]);
        let unique = c.eat("UNIQUE");
        if c.eat("INDEX") {
            let concurrently = c.eat("CONCURRENTLY");
            c.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = if c.at("ON") { None } else { c.name().map(|name| name.name) };
            if c.eat("ON") {
                c.eat("ONLY");
                if let Some(table) = c.name() {
                    push(ActionKind::CreateIndex { name, table, unique, concurrently }, whole);
                }
            }
        } else if c.eat("TABLE") || c.eat_all(&["UNLOGGED", "TABLE"]) {
            c.eat_all(&["IF", "NOT", "EXISTS"]);
            if let Some(table) = c.name() {
                push(ActionKind::CreateTable { table }, whole);
            }
        } else if c.eat("TYPE") {
            if let Some(name) = c.name() {
                push(ActionKind::CreateType { name }, whole);
            }
        }
    } else if c.at("ALTER") {
        if let Some((table, clauses)) = alter_table_clauses(src, tokens) {
            for clause in clauses {
                let span = span_of(clause).unwrap_or(whole);
                for kind in scan_alter_clause(src, clause, &table) {
                    push(kind, span);
                }
            }
        } else if c.eat_all(&["ALTER", "TYPE"]) {
            if let Some(name) = c.name() {
                if c.eat_all(&["RENAME", "VALUE"]) {
                    let from = c.string();
                    c.eat("TO");
                    if let (Some(from), Some(to)) = (from, c.string()) {
                        push(ActionKind::RenameEnumValue { name, from, to }, whole);
                    }
                } else if c.eat("RENAME") {
                    c.eat("TO");
                    if let Some(to) = c.ident() {
                        push(ActionKind::RenameType { name, to }, whole);
                    }
                } else if c.eat("ADD") && c.eat("VALUE") {
                    c.eat_all(&["IF", "NOT", "EXISTS"]);
                    let value = c.string().unwrap_or_default();
                    push(ActionKind::AddEnumValue { name, value }, whole);
                }
            }
        }
    } else if c.at("WITH") {
        // Data-modifying CTEs: each DELETE / UPDATE inside counts.
        for keyword in ["DELETE", "UPDATE"] {
            let mut nth = 0;
            while let Some(span) = keyword_clause(src, tokens, keyword, nth) {
                let start = tokens.iter().position(|t| t.span.start == span.start).unwrap_or(0);
                let end = tokens.iter().rposition(|t| t.span.end == span.end).unwrap_or(tokens.len() - 1);
                for mut action in scan_statement(src, &tokens[start..=end.max(start)], statement, source) {
                    action.span = span;
                    actions.push(action);
                }
                nth += 1;
            }
        }
    }
    actions
}

enum Dropped {
    Table,
    Schema,
    Database,
    Object(ObjectKind),
}

/// What `DROP <kind>` drops, with the cursor after the kind's keywords.
fn dropped_kind(c: &mut Cursor) -> Option<Dropped> {
    if c.eat("TABLE") || c.eat_all(&["FOREIGN", "TABLE"]) {
        return Some(Dropped::Table);
    }
    if c.eat("SCHEMA") {
        return Some(Dropped::Schema);
    }
    if c.eat("DATABASE") {
        return Some(Dropped::Database);
    }
    if c.eat("INDEX") {
        c.eat("CONCURRENTLY");
        return Some(Dropped::Object(ObjectKind::Index));
    }
    if c.eat_all(&["MATERIALIZED", "VIEW"]) {
        return Some(Dropped::Object(ObjectKind::MaterializedView));
    }
    const KINDS: [(&str, ObjectKind); 9] = [
        ("TYPE", ObjectKind::Type),
        ("VIEW", ObjectKind::View),
        ("SEQUENCE", ObjectKind::Sequence),
        ("FUNCTION", ObjectKind::Function),
        ("PROCEDURE", ObjectKind::Procedure),
        ("TRIGGER", ObjectKind::Trigger),
        ("DOMAIN", ObjectKind::Domain),
        ("EXTENSION", ObjectKind::Extension),
        ("POLICY", ObjectKind::Policy),
    ];
    KINDS.iter().find(|(keyword, _)| c.eat(keyword)).map(|(_, kind)| Dropped::Object(*kind))
}

/// One clause of an `ALTER TABLE`.
fn scan_alter_clause(src: &str, clause: &[Token], table: &Name) -> Vec<ActionKind> {
    let table = table.clone();
    let mut c = Cursor::new(src, clause);
    let touch = || vec![ActionKind::TouchTable { table: table.clone() }];
    if c.eat("DROP") {
        if c.eat("CONSTRAINT") {
            c.eat_all(&["IF", "EXISTS"]);
            return c.ident().map_or_else(touch, |constraint| {
                vec![ActionKind::DropConstraint { table: table.clone(), constraint }]
            });
        }
        if ["NOT", "DEFAULT", "EXPRESSION", "IDENTITY"].iter().any(|k| c.at(k)) {
            return touch();
        }
        c.eat("COLUMN");
        c.eat_all(&["IF", "EXISTS"]);
        return c.ident().map_or_else(touch, |column| vec![ActionKind::DropColumn { table: table.clone(), column }]);
    }
    if c.eat("ALTER") {
        c.eat("COLUMN");
        let Some(column) = c.ident() else { return touch() };
        if c.eat_all(&["SET", "DATA", "TYPE"]) || c.eat("TYPE") {
            let rest = c.rest();
            let using_at = rest.iter().position(|t| t.is(src, "USING"));
            let type_tokens = &rest[..using_at.unwrap_or(rest.len())];
            let new_type = span_of(type_tokens).map(|s| src[s.start..s.end].to_string()).unwrap_or_default();
            return vec![ActionKind::AlterColumnType { table, column, new_type, using: using_at.is_some() }];
        }
        if c.eat_all(&["SET", "NOT", "NULL"]) {
            return vec![ActionKind::SetNotNull { table, column }];
        }
        if c.eat_all(&["DROP", "NOT", "NULL"]) {
            return vec![ActionKind::DropNotNull { table, column }];
        }
        if c.eat_all(&["SET", "DEFAULT"]) {
            return vec![ActionKind::SetDefault { table, column }];
        }
        return touch();
    }
    if c.eat("RENAME") {
        if c.eat("TO") {
            return c.ident().map_or_else(touch, |to| vec![ActionKind::RenameTable { table: table.clone(), to }]);
        }
        if c.eat("CONSTRAINT") {
            return touch();
        }
        c.eat("COLUMN");
        let Some(column) = c.ident() else { return touch() };
        c.eat("TO");
        return c.ident().map_or_else(touch, |to| vec![ActionKind::RenameColumn { table: table.clone(), column, to }]);
    }
    if c.eat("ADD") {
        let constraint = if c.eat("CONSTRAINT") { c.ident() } else { None };
        let kind = if c.eat_all(&["PRIMARY", "KEY"]) {
            Some(ConstraintKind::PrimaryKey)
        } else if c.eat("UNIQUE") {
            Some(ConstraintKind::Unique)
        } else if c.eat_all(&["FOREIGN", "KEY"]) {
            Some(ConstraintKind::ForeignKey)
        } else if c.eat("CHECK") {
            Some(ConstraintKind::Check)
        } else if c.eat("EXCLUDE") {
            Some(ConstraintKind::Exclusion)
        } else if constraint.is_some() {
            Some(ConstraintKind::Other)
        } else {
            None
        };
        if let Some(kind) = kind {
            let not_valid =
                (0..clause.len().saturating_sub(1)).any(|i| clause[i].is(src, "NOT") && clause[i + 1].is(src, "VALID"));
            // Right after PRIMARY KEY / UNIQUE, before any column list (`UNIQUE (a) USING INDEX
            // TABLESPACE t` builds an index).
            let using_index =
                matches!(kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique) && c.eat_all(&["USING", "INDEX"]);
            return vec![ActionKind::AddConstraint { table, constraint, kind, not_valid, using_index }];
        }
        c.eat("COLUMN");
        c.eat_all(&["IF", "NOT", "EXISTS"]);
        let Some(column) = c.ident() else { return touch() };
        let rest = c.rest();
        let not_null = (0..rest.len().saturating_sub(1)).any(|i| rest[i].is(src, "NOT") && rest[i + 1].is(src, "NULL"))
            || rest.iter().any(|t| t.is(src, "PRIMARY"));
        let has_default = rest.iter().any(|t| t.is(src, "DEFAULT") || t.is(src, "GENERATED"));
        let serial = rest.first().is_some_and(|t| t.kind == Kind::Word && is_serial_type(t.text(src)))
            || rest.iter().any(|t| t.is(src, "IDENTITY"));
        let default_text = rest.iter().position(|t| t.is(src, "DEFAULT")).and_then(|i| span_of(&rest[i + 1..]));
        let volatile_default = serial || default_text.is_some_and(|span| calls_volatile(&src[span.start..span.end]));
        return vec![ActionKind::AddColumn { table, column, not_null, has_default, serial, volatile_default }];
    }
    touch()
}

/// The statements of a PL/pgSQL body (a `DO` block), classified from tokens. `EXECUTE 'sql'`
/// strings are read as SQL too.
pub fn scan_plpgsql(src: &str, body: Span, statement: Span) -> Vec<Action> {
    let tokens: Vec<Token> = tokenize_range(src, body).into_iter().filter(|t| !t.is_comment()).collect();
    let mut actions = Vec::new();
    // Control words after which a SQL statement may start within one `;`-separated piece.
    const OPENERS: [&str; 6] = ["BEGIN", "THEN", "ELSE", "LOOP", "DECLARE", "EXCEPTION"];
    for piece in tokens.split(|t| t.is_punct(';')) {
        let mut starts: Vec<usize> = vec![0];
        starts
            .extend(piece.iter().enumerate().filter(|(_, t)| OPENERS.iter().any(|k| t.is(src, k))).map(|(i, _)| i + 1));
        for start in starts {
            let rest = &piece[start.min(piece.len())..];
            let Some(first) = rest.first() else { continue };
            if first.is(src, "EXECUTE") {
                if let Some(string) = rest.get(1).filter(|t| t.kind == Kind::String && !t.unterminated) {
                    let inner = Span::new(string.span.start + 1, string.span.end - 1);
                    let nested: Vec<Token> =
                        tokenize_range(src, inner).into_iter().filter(|t| !t.is_comment()).collect();
                    for part in nested.split(|t| t.is_punct(';')).filter(|p| !p.is_empty()) {
                        actions.extend(scan_statement(src, part, statement, Source::DoBlock));
                    }
                }
                continue;
            }
            actions.extend(scan_statement(src, rest, statement, Source::DoBlock));
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lexer::tokenize;

    fn scan(sql: &str) -> Vec<ActionKind> {
        let tokens: Vec<Token> = tokenize(sql).into_iter().filter(|t| !t.is_comment() && !t.is_punct(';')).collect();
        scan_statement(sql, &tokens, Span::new(0, sql.len()), Source::Scanned).into_iter().map(|a| a.kind).collect()
    }

    fn name(n: &str) -> Name {
        Name::unquoted(n)
    }

    #[test]
    fn drop_index_concurrently_if_exists() {
        assert_eq!(
            scan(r#"DROP INDEX CONCURRENTLY IF EXISTS "public"."a_idx""#),
            vec![ActionKind::DropObject {
                kind: ObjectKind::Index,
                name: Name::new(Some("public".into()), "a_idx".into()),
                on: None
            }]
        );
    }

    #[test]
    fn alter_table_clauses_each_become_actions() {
        let kinds = scan("ALTER TABLE t DROP a, DROP COLUMN IF EXISTS \"b\", ALTER COLUMN c SET DATA TYPE numeric(10, 2) USING c::numeric, DROP CONSTRAINT k");
        assert_eq!(
            kinds,
            vec![
                ActionKind::DropColumn { table: name("t"), column: "a".into() },
                ActionKind::DropColumn { table: name("t"), column: "b".into() },
                ActionKind::AlterColumnType {
                    table: name("t"),
                    column: "c".into(),
                    new_type: "numeric(10, 2)".into(),
                    using: true
                },
                ActionKind::DropConstraint { table: name("t"), constraint: "k".into() },
            ]
        );
    }

    #[test]
    fn drop_several_tables_gives_one_action_each() {
        let kinds = scan("DROP TABLE IF EXISTS a, b.c CASCADE");
        assert_eq!(
            kinds,
            vec![
                ActionKind::DropTable { table: name("a"), cascade: true },
                ActionKind::DropTable { table: Name::new(Some("b".into()), "c".into()), cascade: true }
            ]
        );
    }

    #[test]
    fn data_modifying_ctes_are_found() {
        let kinds = scan("WITH gone AS (DELETE FROM a WHERE x RETURNING id) UPDATE b SET y = 1");
        assert_eq!(
            kinds,
            vec![
                ActionKind::Delete { table: name("a"), has_where: true },
                ActionKind::Update { table: name("b"), has_where: false }
            ]
        );
    }

    #[test]
    fn plpgsql_bodies_and_execute_strings() {
        let sql = "DO $$ BEGIN IF EXISTS (SELECT 1) THEN ALTER TABLE t DROP COLUMN c; END IF; EXECUTE 'DROP TABLE old'; END $$";
        let body = tokenize(sql)[1].dollar_body().unwrap();
        let kinds: Vec<ActionKind> =
            scan_plpgsql(sql, body, Span::new(0, sql.len())).into_iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ActionKind::DropColumn { table: name("t"), column: "c".into() },
                ActionKind::DropTable { table: name("old"), cascade: false }
            ]
        );
    }

    #[test]
    fn words_that_only_look_destructive_are_not() {
        assert!(scan("SELECT 'DROP TABLE x'").is_empty());
        assert!(scan("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id) ON DELETE CASCADE")
            .iter()
            .all(|k| matches!(k, ActionKind::AddConstraint { .. })));
    }
}
