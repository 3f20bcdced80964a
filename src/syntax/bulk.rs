//! A huge `INSERT ... VALUES` (seed data, backfills: megabytes in one statement) parsed in pieces
//! of bounded size, so that memory does not grow with the statement.
//!
//! sqlparser builds the whole syntax tree of a statement at once; for a 15.8 MB `INSERT` of 224,000
//! rows that peaked at 1.29 GB (native, 2026-12-04), against 275 MB for the same bytes as 450
//! statements. Here the rows after `VALUES` are found from our tokens (each a parenthesized group at
//! the top level, separated by commas) and parsed a few thousand tokens at a time, each piece as
//! `INSERT INTO ... VALUES <rows>` with the statement's own head (and its tail, `ON CONFLICT ...`
//! or `RETURNING ...`, on the last piece), the tree of each piece dropped before the next is
//! built. Every row is read by the parser, so a syntax error anywhere is still found, and reported
//! where it is: the piece that fails is parsed again row by row, from text, to name the token.
//! The caller gets the first piece's tree (the schema model does not replay `INSERT`).

use sqlparser::ast::Statement as Ast;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Span as TokenSpan, Token as SqlToken, TokenWithSpan, Tokenizer, Whitespace};

use crate::source::{LineIndex, Span};
use crate::syntax::handoff::{error_position, parser_tokens, Refusal};
use crate::syntax::lexer::Token;
use crate::syntax::scan::span_of;

/// Statements with more tokens than this are read in pieces of about this many tokens.
pub const PIECE_TOKENS: usize = 20_000;

/// Where the rows of an `INSERT ... VALUES` are, as token indices.
struct Rows {
    /// The `VALUES` keyword.
    values: usize,
    /// Each row, `(` to its `)`.
    rows: Vec<(usize, usize)>,
    /// The first token after the rows (`tokens.len()` when none).
    tail: usize,
}

fn rows(sql: &str, tokens: &[Token]) -> Option<Rows> {
    if tokens.len() <= PIECE_TOKENS || !tokens.first()?.is(sql, "INSERT") {
        return None;
    }
    let mut depth = 0usize;
    let mut values = None;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct('(') {
            depth += 1;
        } else if token.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && token.is(sql, "VALUES") {
            values = Some(i);
            break;
        }
    }
    let values = values?;
    let mut rows = Vec::new();
    let mut i = values + 1;
    loop {
        if !tokens.get(i)?.is_punct('(') {
            return None;
        }
        let open = i;
        let mut depth = 0usize;
        let close = loop {
            let token = tokens.get(i)?;
            if token.is_punct('(') {
                depth += 1;
            } else if token.is_punct(')') {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            i += 1;
        };
        rows.push((open, close));
        i = close + 1;
        match tokens.get(i) {
            Some(token) if token.is_punct(',') => i += 1,
            _ => break,
        }
    }
    (rows.len() > 1).then_some(Rows { values, rows, tail: i })
}

/// sqlparser's tokens for a run of our tokens: converted where they convert, else tokenized from
/// their text by sqlparser.
fn tokens_for(sql: &str, tokens: &[Token]) -> Result<Vec<TokenWithSpan>, String> {
    if let Some(converted) = parser_tokens(sql, tokens) {
        return Ok(converted);
    }
    let Some(span) = span_of(tokens) else { return Ok(Vec::new()) };
    Tokenizer::new(&PostgreSqlDialect {}, &sql[span.start..span.end])
        .tokenize_with_location()
        .map_err(|error| error.to_string())
}

fn space() -> TokenWithSpan {
    TokenWithSpan { token: SqlToken::Whitespace(Whitespace::Space), span: TokenSpan::empty() }
}

/// The statement `tokens` (comment-free, without its `;`) read in pieces when it is a huge
/// `INSERT ... VALUES`: `None` when it is not one, else the first piece's syntax tree, or
/// sqlparser's message for the first error with the offset in `sql` of the token it names.
pub fn parse_in_pieces(sql: &str, tokens: &[Token]) -> Option<Result<Vec<Ast>, Refusal>> {
    let rows = rows(sql, tokens)?;
    let head = match tokens_for(sql, &tokens[..=rows.values]) {
        Ok(head) => head,
        Err(error) => return Some(Err(error.into())),
    };
    let mut first = None;
    let mut start = 0;
    while start < rows.rows.len() {
        // Rows up to about PIECE_TOKENS tokens (at least one).
        let mut end = start + 1;
        while end < rows.rows.len() && rows.rows[end].1 - rows.rows[start].0 < PIECE_TOKENS {
            end += 1;
        }
        let last = end == rows.rows.len();
        let piece = build(sql, tokens, &rows, &head, start, end, last).and_then(|piece| {
            Parser::new(&PostgreSqlDialect {})
                .with_tokens_with_locations(piece)
                .parse_statements()
                .map_err(|e| e.to_string())
        });
        match piece {
            Ok(tree) if first.is_none() => first = Some(tree),
            Ok(_) => {}
            Err(error) => return Some(Err(locate(sql, tokens, &rows, start..end, last, error))),
        }
        start = end;
    }
    first.map(Ok)
}

/// The tokens of `INSERT ... VALUES` with rows `start..end` (and the tail when `last`).
fn build(
    sql: &str,
    tokens: &[Token],
    rows: &Rows,
    head: &[TokenWithSpan],
    start: usize,
    end: usize,
    last: bool,
) -> Result<Vec<TokenWithSpan>, String> {
    let mut piece = head.to_vec();
    piece.push(space());
    let (first_open, last_close) = (rows.rows[start].0, rows.rows[end - 1].1);
    piece.extend(tokens_for(sql, &tokens[first_open..=last_close])?);
    if last && rows.tail < tokens.len() {
        piece.push(space());
        piece.extend(tokens_for(sql, &tokens[rows.tail..])?);
    }
    Ok(piece)
}

/// The refusal for a piece that failed, at the token it failed at: each row of the piece is parsed
/// again on its own, from text, until one fails (then its position is mapped back to the file);
/// when none does, the piece's own message at the piece's first row.
fn locate(
    sql: &str,
    tokens: &[Token],
    rows: &Rows,
    piece: std::ops::Range<usize>,
    last: bool,
    error: String,
) -> Refusal {
    let head = Span::new(tokens[0].span.start, tokens[rows.values].span.end);
    let tail = (last && rows.tail < tokens.len())
        .then(|| Span::new(tokens[rows.tail].span.start, tokens[tokens.len() - 1].span.end));
    let mut at = tokens[rows.rows[piece.start].0].span.start;
    let mut message = error;
    for index in piece {
        let row = Span::new(tokens[rows.rows[index].0].span.start, tokens[rows.rows[index].1].span.end);
        let mut parts = vec![head, row];
        if index + 1 == rows.rows.len() {
            parts.extend(tail);
        }
        let joined: Vec<&str> = parts.iter().map(|p| &sql[p.start..p.end]).collect();
        let joined = joined.join("\n");
        let Err(error) = Parser::parse_sql(&PostgreSqlDialect {}, &joined) else { continue };
        let error = error.to_string();
        // The error's offset in the joined text, then in the file.
        if let Some(offset) = error_position(&error).and_then(|p| LineIndex::new(&joined).offset_of(p)) {
            let mut base = 0;
            for part in &parts {
                let length = part.end - part.start;
                if offset <= base + length {
                    at = part.start + (offset - base);
                    break;
                }
                base += length + 1;
            }
        }
        message = error;
        break;
    }
    // The message's own position counts in the joined text; `at` is the place in the file.
    Refusal { message, at: Some(at) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::analysis::{analyze, Reading};
    use crate::syntax::ActionKind;

    /// `INSERT INTO "User" ... VALUES` with `rows` rows (about 12 tokens each), row `bad` (if any)
    /// replaced by `bad_row`, then `tail`.
    fn insert(rows: usize, bad: Option<(usize, &str)>, tail: &str) -> String {
        let mut sql = String::from("INSERT INTO \"public\".\"User\" (\"id\", \"email\", \"name\")\nVALUES\n");
        for i in 0..rows {
            if i > 0 {
                sql.push_str(",\n");
            }
            match bad {
                Some((at, row)) if at == i => sql.push_str(row),
                _ => sql.push_str(&format!("  ({i}, 'user{i}@example.com', E'Na\\'me {i} é')")),
            }
        }
        sql.push_str(tail);
        sql
    }

    /// Where sqlparser, reading the statement whole, says it fails (offset in `text`).
    fn whole_error_offset(text: &str) -> usize {
        let error = Parser::parse_sql(&PostgreSqlDialect {}, text).unwrap_err().to_string();
        LineIndex::new(text).offset_of(error_position(&error).unwrap()).unwrap()
    }

    #[test]
    fn a_huge_insert_is_read_in_pieces_with_the_same_actions() {
        let rows = PIECE_TOKENS / 4;
        let sql = format!("{};\nDELETE FROM \"Session\";\n", insert(rows, None, "\nON CONFLICT (\"id\") DO NOTHING"));
        let analysis = analyze(&sql);
        assert!(
            analysis.statements.iter().all(|s| s.reading == Reading::Parsed),
            "{:?}",
            analysis.statements[0].reading
        );
        let kinds: Vec<&ActionKind> = analysis.actions.iter().map(|a| &a.kind).collect();
        assert!(matches!(kinds[0], ActionKind::TouchTable { .. }), "{kinds:?}");
        assert!(matches!(kinds[1], ActionKind::Delete { has_where: false, .. }), "{kinds:?}");
        assert_eq!(analysis.actions[1].span.start, sql.find("DELETE").unwrap());
        // It did go in pieces, and the first piece holds a part of the rows only.
        let code = &analysis.code;
        let statement = &code[..code.iter().position(|t| t.is_punct(';')).unwrap()];
        let tree = parse_in_pieces(&sql, statement).unwrap().unwrap();
        let Ast::Insert(insert) = &tree[0] else { panic!("{tree:?}") };
        let sqlparser::ast::SetExpr::Values(values) = &*insert.source.as_ref().unwrap().body else { panic!() };
        assert!(values.rows.len() > 1 && values.rows.len() < rows, "{} rows", values.rows.len());
    }

    #[test]
    fn an_error_in_any_row_or_the_tail_is_reported_where_sqlparser_reads_it_whole() {
        let rows = PIECE_TOKENS / 4;
        for (bad, tail) in [
            (Some((rows - 3, "  (1, 'x' 'y' BROKEN)")), ""),
            (Some((rows / 2, "  (1, 'x',\n   'é' +)")), ""),
            (Some((2, "  (1, 'x', )")), " RETURNING \"id\""),
            (None, "\nON CONFLICT (\"id\") DO FROBNICATE"),
        ] {
            let text = insert(rows, bad, tail);
            let sql = format!("{text};");
            let analysis = analyze(&sql);
            let Reading::Scanned { at, error } = &analysis.statements[0].reading else {
                panic!("{bad:?} {tail:?}: {:?}", analysis.statements[0].reading)
            };
            assert_eq!(*at, whole_error_offset(&text), "{bad:?} {tail:?}: {error}");
        }
    }

    #[test]
    fn small_statements_and_other_shapes_are_not_read_in_pieces() {
        let code =
            |sql: &str| crate::syntax::lexer::tokenize(sql).into_iter().filter(|t| !t.is_comment()).collect::<Vec<_>>();
        let small = insert(10, None, "");
        assert!(rows(&small, &code(&small)).is_none());
        let select = format!("INSERT INTO t SELECT * FROM u WHERE x IN ({})", vec!["1"; PIECE_TOKENS].join(", "));
        assert!(rows(&select, &code(&select)).is_none());
        let one_row = format!("INSERT INTO t VALUES ({})", vec!["1"; PIECE_TOKENS].join(", "));
        assert!(rows(&one_row, &code(&one_row)).is_none());
    }
}
