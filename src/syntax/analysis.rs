//! Split a migration into statements and read each into actions, with spans.
//!
//! Statement spans come from our own tokens (sqlparser's are character-based and often empty).
//! Each statement is parsed on its own, so one unreadable statement costs only itself: it is
//! classified by the token scanner and reported, never skipped.

use crate::source::{LineIndex, Span};
use crate::syntax::actions::{Action, Source};
use crate::syntax::bulk::{Bulk, PIECE_TOKENS};
use crate::syntax::handoff::{error_position, Refusal};
use crate::syntax::lexer::{tokenize, tokens_from, Kind, Token};
use crate::syntax::parse;
use crate::syntax::scan::{scan_plpgsql, scan_statement, span_of};

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
    /// sqlparser's syntax tree when the statement was parsed (empty otherwise), for the schema model.
    /// Kept only by [`analyze_keeping_trees`]; [`analyze_each`] hands each tree to its caller and
    /// drops it before the next statement is parsed (trees are most of an analysis's memory).
    pub tree: Vec<sqlparser::ast::Statement>,
}

/// Everything known about one migration's SQL.
#[derive(Debug, Default)]
pub struct Analysis {
    pub statements: Vec<Statement>,
    /// Every statement's actions, in order of position.
    pub actions: Vec<Action>,
    /// Strings, identifiers or comments left open at the end of the file.
    pub unterminated: Vec<Token>,
    /// The comments, in order (approvals are read from them). The other tokens are not kept:
    /// they would be most of the memory of a large migration's analysis, and the few checks that
    /// read tokens lex the statement they look at again (`lexer::tokens_from`).
    pub comments: Vec<Token>,
}

/// Read `sql` into statements and actions: each statement parsed by sqlparser, or classified from
/// its tokens when the parser cannot read it. No syntax tree is kept.
pub fn analyze(sql: &str) -> Analysis {
    analyze_with(sql, Reader::Parser)
}

/// [`analyze`], keeping each statement's syntax tree (for the schema model's replay).
pub fn analyze_keeping_trees(sql: &str) -> Analysis {
    read(sql, Reader::Parser, true, &mut |_, _| {})
}

/// Which reader turns a statement into actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// sqlparser, with the token scanner as the fallback (what every check uses).
    Parser,
    /// The token scanner alone, as for a statement the parser cannot read. The rules' cases run
    /// through both readers, which proves the fallback finds what the parser finds.
    Scanner,
}

/// [`analyze`] with the given reader.
pub fn analyze_with(sql: &str, reader: Reader) -> Analysis {
    read(sql, reader, false, &mut |_, _| {})
}

/// [`analyze_with`], with `each` seeing every statement, with its tree and its actions, as it is
/// read; the tree is dropped before the next statement is parsed, so at most one statement's tree
/// is in memory at a time.
pub fn analyze_each(sql: &str, reader: Reader, each: &mut dyn FnMut(&Statement, &[Action])) -> Analysis {
    read(sql, reader, false, each)
}

fn read(sql: &str, reader: Reader, keep_trees: bool, each: &mut dyn FnMut(&Statement, &[Action])) -> Analysis {
    let mut analysis = Analysis::default();
    // One statement's comment-free tokens at a time, as the lexer reads them: no list of every
    // token of the file is held. A huge `INSERT ... VALUES` hands its rows to the bulk reader
    // as they come, so not even that statement's tokens are all held (see `bulk`).
    let mut current: Vec<Token> = Vec::new();
    let mut splitter = Splitter::default();
    let mut bulk: Option<Bulk> = None;
    // Whether this statement was looked at as an `INSERT ... VALUES` (once: it is or it is not).
    let mut tried = false;
    // When to hand rows to the bulk reader next: every PIECE_TOKENS tokens of a statement.
    let mut next_drain = PIECE_TOKENS;
    let mut finish = |current: &mut Vec<Token>, bulk: Option<Bulk>, analysis: &mut Analysis| {
        let Some((body, text_span, span)) = statement_of(current) else { return };
        let (reading, mut actions, tree) = read_statement(sql, body, text_span, span, reader, bulk);
        // In order of position, as the statements are: `Script::after` and `before_action` slice
        // the list instead of scanning it.
        actions.sort_by_key(|action| action.span.start);
        let mut statement = Statement { span, reading, tree };
        each(&statement, &actions);
        if !keep_trees {
            statement.tree = Vec::new();
        }
        analysis.actions.extend(actions);
        analysis.statements.push(statement);
    };
    for token in tokens_from(sql, 0) {
        if token.unterminated {
            analysis.unterminated.push(token);
        }
        if token.is_comment() {
            analysis.comments.push(token);
            continue;
        }
        let ends = splitter.ends(sql, &token);
        current.push(token);
        if ends {
            finish(&mut current, bulk.take(), &mut analysis);
            current.clear();
            tried = false;
            next_drain = PIECE_TOKENS;
        } else if current.len() >= next_drain && reader == Reader::Parser {
            if !tried {
                bulk = Bulk::start(sql, &current);
                tried = true;
            }
            if let Some(bulk) = &mut bulk {
                bulk.drain(sql, &mut current);
            }
            next_drain = current.len() + PIECE_TOKENS;
        }
    }
    finish(&mut current, bulk, &mut analysis);
    analysis
}

/// Where statements end in a stream of comment-free tokens: at `;`, except inside a
/// `BEGIN ATOMIC ... END` body.
#[derive(Default)]
struct Splitter {
    atomic_depth: usize,
    after_begin: bool,
}

impl Splitter {
    /// Whether `token`, the next one, ends a statement.
    fn ends(&mut self, src: &str, token: &Token) -> bool {
        // Once per token of the file: only words are compared with keywords.
        if token.kind != Kind::Word {
            self.after_begin = false;
            return self.atomic_depth == 0 && token.is_punct(';');
        }
        if self.after_begin && token.is(src, "ATOMIC") {
            self.atomic_depth += 1;
        } else if self.atomic_depth > 0 && token.is(src, "END") {
            self.atomic_depth -= 1;
        }
        self.after_begin = token.is(src, "BEGIN");
        false
    }
}

/// A statement's comment-free tokens (its `;` last, when it has one): its tokens without the `;`,
/// their span, and the statement's span (`;` included). A piece holding no token but the `;` is no
/// statement.
fn statement_of(piece: &[Token]) -> Option<(&[Token], Span, Span)> {
    let (body, terminator) = match piece.split_last() {
        Some((last, body)) if last.is_punct(';') => (body, Some(last)),
        _ => (piece, None),
    };
    let text_span = span_of(body)?;
    Some((body, text_span, Span::new(text_span.start, terminator.map_or(text_span.end, |t| t.span.end))))
}

/// The statements in comment-free tokens: each one's tokens without its `;`, their span, and the
/// statement's span (`;` included).
fn statements_of<'t>(sql: &str, code: &'t [Token]) -> impl Iterator<Item = (&'t [Token], Span, Span)> {
    split_statements(sql, code).into_iter().filter_map(statement_of)
}

/// One statement as PostgreSQL's simple-query protocol would run it, found from tokens alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// From the first token to the terminating `;` (included when present), as in [`Statement`].
    pub span: Span,
    /// `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, ...: transaction control, not a change.
    pub control: bool,
}

/// The statements of `sql`, split as [`analyze`] splits them, without parsing any: what `verify`
/// re-runs one at a time to find the statement PostgreSQL refused.
pub fn pieces(sql: &str) -> Vec<Piece> {
    const CONTROL: &[&str] = &["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"];
    let code: Vec<Token> = tokenize(sql).into_iter().filter(|t| !t.is_comment()).collect();
    // A `BEGIN ATOMIC` body stays inside its `CREATE FUNCTION`: a piece that starts with `BEGIN`
    // opens a transaction.
    statements_of(sql, &code)
        .map(|(body, _, span)| Piece { span, control: CONTROL.iter().any(|word| body[0].is(sql, word)) })
        .collect()
}

/// Split comment-free tokens into statements at `;`, keeping `BEGIN ATOMIC ... END` bodies whole.
fn split_statements<'a>(src: &str, code: &'a [Token]) -> Vec<&'a [Token]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut splitter = Splitter::default();
    for (i, token) in code.iter().enumerate() {
        if splitter.ends(src, token) {
            pieces.push(&code[start..=i]);
            start = i + 1;
        }
    }
    if start < code.len() {
        pieces.push(&code[start..]);
    }
    pieces
}

type Read = (Reading, Vec<Action>, Vec<sqlparser::ast::Statement>);

fn read_statement(sql: &str, body: &[Token], text_span: Span, span: Span, reader: Reader, bulk: Option<Bulk>) -> Read {
    if let Some(do_body) = do_block_body(sql, body) {
        return (Reading::DoBlock, scan_plpgsql(sql, do_body, span), Vec::new());
    }
    let text = &sql[text_span.start..text_span.end];
    let parsed = match reader {
        Reader::Parser => parse::statement_actions(sql, body, span, text, bulk),
        Reader::Scanner => Err(String::from("read by the token scanner only").into()),
    };
    match parsed {
        Ok((actions, tree)) => (Reading::Parsed, actions, tree),
        Err(Refusal { message, at }) => {
            let at = at
                .or_else(|| error_offset(text, &message).map(|offset| text_span.start + offset))
                .unwrap_or(text_span.start);
            let actions = scan_statement(sql, body, span, Source::Scanned);
            (Reading::Scanned { error: clean_error(&message), at }, actions, Vec::new())
        }
    }
}

/// `DO [LANGUAGE x] $$ body $$ [LANGUAGE x]`: the body's span.
fn do_block_body(sql: &str, body: &[Token]) -> Option<Span> {
    if !body.first()?.is(sql, "DO") {
        return None;
    }
    body.iter().find_map(Token::dollar_body)
}

/// sqlparser reports positions only inside its messages: `... at Line: 2, Column: 7`.
/// Columns count characters from 1.
fn error_offset(text: &str, message: &str) -> Option<usize> {
    LineIndex::new(text).offset_of(error_position(message)?)
}

/// Drop sqlparser's position suffix (the finding carries the position) and its prefix.
fn clean_error(message: &str) -> String {
    let message = message.strip_prefix("sql parser error: ").unwrap_or(message);
    match message.rfind(" at Line: ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_postgresql_sqlparser_trips_on_is_read_all_the_same() {
        for sql in [
            "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"a_idx\";",
            "CREATE TRIGGER t BEFORE UPDATE ON \"T\" FOR EACH ROW EXECUTE FUNCTION f('literal', 2);",
            "COMMENT ON FUNCTION f(text, integer) IS 'x';",
            "COMMENT ON FUNCTION f() IS 'x';",
        ] {
            let parsed = analyze(sql);
            assert_eq!(parsed.statements[0].reading, Reading::Parsed, "{sql}");
            let scanned = analyze_with(sql, Reader::Scanner);
            assert_eq!(
                parsed.actions.iter().map(|a| (&a.kind, a.span)).collect::<Vec<_>>(),
                scanned.actions.iter().map(|a| (&a.kind, a.span)).collect::<Vec<_>>(),
                "{sql}"
            );
        }
        // Still scanned: sqlparser has no ALTER SEQUENCE at all.
        assert!(matches!(analyze("ALTER SEQUENCE s OWNED BY t.c;").statements[0].reading, Reading::Scanned { .. }));
    }

    #[test]
    fn pieces_split_as_the_analysis_does_and_mark_transaction_control() {
        let sql = "BEGIN;\n-- c\nCREATE TABLE a (x INT);\nCREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;\nCOMMIT";
        let pieces = pieces(sql);
        let texts: Vec<&str> = pieces.iter().map(|p| &sql[p.span.start..p.span.end]).collect();
        assert_eq!(
            texts,
            [
                "BEGIN;",
                "CREATE TABLE a (x INT);",
                "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;",
                "COMMIT"
            ]
        );
        assert_eq!(pieces.iter().map(|p| p.control).collect::<Vec<_>>(), [true, false, false, true]);
        let spans: Vec<Span> = analyze(sql).statements.iter().map(|s| s.span).collect();
        assert_eq!(pieces.iter().map(|p| p.span).collect::<Vec<_>>(), spans);
    }

    #[test]
    fn statements_span_from_first_token_to_semicolon() {
        let sql = "-- c\nCREATE TABLE a (x INT);\n\n/* b */ DROP TABLE a ;";
        let analysis = analyze(sql);
        let spans: Vec<&str> = analysis.statements.iter().map(|s| &sql[s.span.start..s.span.end]).collect();
        assert_eq!(spans, vec!["CREATE TABLE a (x INT);", "DROP TABLE a ;"]);
        assert!(analysis.statements.iter().all(|s| s.reading == Reading::Parsed));
    }
}
