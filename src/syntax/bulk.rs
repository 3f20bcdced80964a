//! A huge `INSERT ... VALUES` (seed data, backfills: megabytes in one statement) parsed in pieces
//! of bounded size, as its tokens arrive, so that memory does not grow with the statement.
//!
//! sqlparser builds the whole syntax tree of a statement at once; for a 15.8 MB `INSERT` of 224,000
//! rows that peaked at 1.29 GB (native, 2026-12-04), against 275 MB for the same bytes as 450
//! statements. Here the rows after `VALUES` are found from our tokens (each a parenthesized group at
//! the top level, separated by commas) and parsed a few thousand tokens at a time, each piece as
//! `INSERT INTO ... VALUES <rows>` with the statement's own head (and its tail, `ON CONFLICT ...`
//! or `RETURNING ...`, on the last piece), the tree of each piece dropped before the next is
//! built. The analysis hands the rows over while it lexes ([`Bulk::drain`]): the rows read are
//! dropped from the statement's tokens, so neither the tokens nor a tree of the whole statement
//! are ever held. Every row is read by the parser, so a syntax error anywhere is still found, and
//! reported where it is: the piece that fails is parsed again row by row, from text, to name the
//! token. The caller gets one piece's tree (the schema model does not replay `INSERT`).

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

/// The rows of an `INSERT ... VALUES` found in its tokens from some index on.
struct Rows {
    /// Each row, `(` to its `)`, as token indices.
    rows: Vec<(usize, usize)>,
    /// How the rows end.
    end: RowsEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowsEnd {
    /// The last row is followed by the token at this index (the tail), or by nothing.
    Tail(usize),
    /// The tokens end inside a row, or right after a comma: more are to come.
    Open,
    /// After a comma comes something that is not a row.
    Broken,
}

/// The rows in `tokens[from..]` (which starts with a row).
fn rows_from(tokens: &[Token], from: usize) -> Rows {
    let mut rows = Vec::new();
    let mut i = from;
    loop {
        match tokens.get(i) {
            None => return Rows { rows, end: RowsEnd::Open },
            Some(token) if !token.is_punct('(') => return Rows { rows, end: RowsEnd::Broken },
            Some(_) => {}
        }
        let open = i;
        let mut depth = 0usize;
        let close = loop {
            let Some(token) = tokens.get(i) else { return Rows { rows, end: RowsEnd::Open } };
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
            _ => return Rows { rows, end: RowsEnd::Tail(i) },
        }
    }
}

/// The index of the `VALUES` that starts the rows of an `INSERT` (outside parentheses, followed
/// by a row).
fn values_keyword(sql: &str, tokens: &[Token]) -> Option<usize> {
    if !tokens.first()?.is(sql, "INSERT") {
        return None;
    }
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct('(') {
            depth += 1;
        } else if token.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && token.is(sql, "VALUES") {
            return tokens.get(i + 1).is_some_and(|next| next.is_punct('(')).then_some(i);
        }
    }
    None
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

/// An `INSERT ... VALUES` read in pieces. Its tokens are the statement's comment-free tokens
/// (without the `;`) as the analysis holds them: the head up to `VALUES` stays, the rows read
/// are taken out by [`Bulk::drain`].
pub struct Bulk {
    /// The index of `VALUES` in the statement's tokens.
    values: usize,
    /// The head, `INSERT ... VALUES`, as sqlparser's tokens.
    head: Vec<TokenWithSpan>,
    /// Whether rows were taken out of the statement's tokens.
    drained: bool,
    /// One piece's tree.
    tree: Option<Vec<Ast>>,
    /// The first refusal: the rows after it are not parsed.
    refused: Option<Refusal>,
}

impl Bulk {
    /// A reader for the statement whose first tokens are `tokens`, when it is an `INSERT ... VALUES`.
    pub fn start(sql: &str, tokens: &[Token]) -> Option<Bulk> {
        let values = values_keyword(sql, tokens)?;
        let (head, refused) = match tokens_for(sql, &tokens[..=values]) {
            Ok(head) => (head, None),
            Err(error) => (Vec::new(), Some(error.into())),
        };
        Some(Bulk { values, head, drained: false, tree: None, refused })
    }

    /// Parse the complete rows that more rows follow (in pieces of about [`PIECE_TOKENS`]), and take
    /// them out of `tokens`. Nothing is taken while the rows read do not fill a piece, or when
    /// they are followed by something that is not a row (the whole statement is then parsed as it is).
    pub fn drain(&mut self, sql: &str, tokens: &mut Vec<Token>) {
        let found = rows_from(tokens, self.values + 1);
        if found.end == RowsEnd::Broken {
            return;
        }
        // The rows followed by a comma: all but the last when the tail has begun.
        let mut rows = found.rows;
        if matches!(found.end, RowsEnd::Tail(_)) {
            rows.pop();
        }
        let Some(&(_, last_close)) = rows.last() else { return };
        if last_close - self.values < PIECE_TOKENS {
            return;
        }
        if self.refused.is_none() {
            if let Err(refusal) = self.parse_rows(sql, tokens, &rows, None) {
                self.refused = Some(refusal);
            }
        }
        // The rows and the comma after the last of them.
        tokens.drain(self.values + 1..=last_close + 1);
        self.drained = true;
    }

    /// The tree of the statement whose remaining tokens are `tokens`, or the first refusal. `None`
    /// when nothing was taken out and the statement is not one to read in pieces.
    pub fn finish(mut self, sql: &str, tokens: &[Token]) -> Option<Result<Vec<Ast>, Refusal>> {
        if let Some(refusal) = self.refused.take() {
            return Some(Err(refusal));
        }
        let found = rows_from(tokens, self.values + 1);
        let tail = match found.end {
            RowsEnd::Tail(at) => (at < tokens.len()).then_some(at),
            // Something that is not a row, a row left open, or a comma with nothing after it: the
            // statement as it is, whole, or what is left of it after the rows taken out.
            RowsEnd::Open | RowsEnd::Broken if self.drained => return Some(Err(self.refuse_rest(sql, tokens))),
            RowsEnd::Open | RowsEnd::Broken => return None,
        };
        if !self.drained && (tokens.len() <= PIECE_TOKENS || found.rows.len() < 2) {
            return None;
        }
        Some(self.parse_rows(sql, tokens, &found.rows, tail).map(|()| self.tree.take().unwrap_or_default()))
    }

    /// Parse `rows` in pieces, the tail (from index `tail`) with the last; keeps a tree.
    fn parse_rows(
        &mut self,
        sql: &str,
        tokens: &[Token],
        rows: &[(usize, usize)],
        tail: Option<usize>,
    ) -> Result<(), Refusal> {
        let mut start = 0;
        while start < rows.len() {
            // Rows up to about PIECE_TOKENS tokens (at least one).
            let mut end = start + 1;
            while end < rows.len() && rows[end].1 - rows[start].0 < PIECE_TOKENS {
                end += 1;
            }
            let tail = if end == rows.len() { tail } else { None };
            let piece = self.build(sql, tokens, rows[start].0, rows[end - 1].1, tail).and_then(|piece| {
                Parser::new(&PostgreSqlDialect {})
                    .with_tokens_with_locations(piece)
                    .parse_statements()
                    .map_err(|e| e.to_string())
            });
            match piece {
                Ok(tree) => {
                    if self.tree.is_none() {
                        self.tree = Some(tree);
                    }
                }
                Err(error) => return Err(self.locate(sql, tokens, &rows[start..end], tail, error)),
            }
            start = end;
        }
        Ok(())
    }

    /// The tokens of `INSERT ... VALUES` with the rows from token `first` to token `last` (and the
    /// tail from token `tail` to the end).
    fn build(
        &self,
        sql: &str,
        tokens: &[Token],
        first: usize,
        last: usize,
        tail: Option<usize>,
    ) -> Result<Vec<TokenWithSpan>, String> {
        let mut piece = self.head.clone();
        piece.push(space());
        piece.extend(tokens_for(sql, &tokens[first..=last])?);
        if let Some(tail) = tail {
            piece.push(space());
            piece.extend(tokens_for(sql, &tokens[tail..])?);
        }
        Ok(piece)
    }

    /// The head's text span.
    fn head_span(&self, tokens: &[Token]) -> Span {
        Span::new(tokens[0].span.start, tokens[self.values].span.end)
    }

    /// The refusal for a piece that failed, at the token it failed at: each of its rows is parsed
    /// again on its own, from text, until one fails (then its position is mapped back to the
    /// file); when none does, the piece's own message at its first row.
    fn locate(
        &self,
        sql: &str,
        tokens: &[Token],
        rows: &[(usize, usize)],
        tail: Option<usize>,
        error: String,
    ) -> Refusal {
        let tail = tail.map(|tail| Span::new(tokens[tail].span.start, tokens[tokens.len() - 1].span.end));
        let fallback = Refusal { message: error, at: Some(tokens[rows[0].0].span.start) };
        rows.iter()
            .enumerate()
            .find_map(|(i, &(open, close))| {
                let mut parts =
                    vec![self.head_span(tokens), Span::new(tokens[open].span.start, tokens[close].span.end)];
                if i + 1 == rows.len() {
                    parts.extend(tail);
                }
                refusal_of(sql, &parts)
            })
            .unwrap_or(fallback)
    }

    /// The refusal for rows taken out, then something that is not a row: the head and the rest
    /// parsed from text.
    fn refuse_rest(&self, sql: &str, tokens: &[Token]) -> Refusal {
        let mut parts = vec![self.head_span(tokens)];
        parts.extend(span_of(&tokens[self.values + 1..]));
        let end = parts[parts.len() - 1].end;
        refusal_of(sql, &parts).unwrap_or_else(|| Refusal {
            message: "a row of VALUES is not a parenthesized list".to_string(),
            at: Some(end),
        })
    }
}

/// The text of `parts` of `sql` joined by line breaks, parsed: `None` when it parses, else the
/// parser's message with the offset in `sql` of the place it names.
fn refusal_of(sql: &str, parts: &[Span]) -> Option<Refusal> {
    let joined: Vec<&str> = parts.iter().map(|p| &sql[p.start..p.end]).collect();
    let joined = joined.join("\n");
    let error = Parser::parse_sql(&PostgreSqlDialect {}, &joined).err()?.to_string();
    let mut at = parts[0].start;
    // The error's offset in the joined text, then in the file.
    if let Some(offset) = error_position(&error).and_then(|p| LineIndex::new(&joined).offset_of(p)) {
        let mut base = 0;
        for part in parts {
            let length = part.end - part.start;
            if offset <= base + length {
                at = part.start + (offset - base);
                break;
            }
            base += length + 1;
        }
    }
    // The message's own position counts in the joined text; `at` is the place in the file.
    Some(Refusal { message: error, at: Some(at) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::analysis::{analyze, Reading};
    use crate::syntax::ActionKind;

    /// The statement `tokens` (comment-free, without its `;`, all of them) read in pieces when it is a
    /// huge `INSERT ... VALUES`: `None` when it is not one, else one piece's syntax tree, or sqlparser's
    /// message for the first error with the offset in `sql` of the token it names.
    fn parse_in_pieces(sql: &str, tokens: &[Token]) -> Option<Result<Vec<Ast>, Refusal>> {
        if tokens.len() <= PIECE_TOKENS {
            return None;
        }
        Bulk::start(sql, tokens)?.finish(sql, tokens)
    }

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
        let code: Vec<Token> = crate::syntax::lexer::tokenize(&sql).into_iter().filter(|t| !t.is_comment()).collect();
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

    /// Rows already handed to the bulk reader as the file was lexed, then an end that is not rows:
    /// still refused where sqlparser, reading the statement whole, refuses it.
    #[test]
    fn a_statement_that_stops_being_rows_after_rows_were_read_is_refused_where_it_stops() {
        let rows = PIECE_TOKENS / 3;
        for ending in [",\n  5, (6, 'x', 'y')", ",", ",\n  (7, 'open'", ",\n  (8, 'a', 'b') garbage here"] {
            let text = format!("{}{ending}", insert(rows, None, ""));
            let sql = format!("{text};\nDROP TABLE \"Old\";");
            let analysis = analyze(&sql);
            let Reading::Scanned { at, error } = &analysis.statements[0].reading else {
                panic!("{ending:?}: {:?}", analysis.statements[0].reading)
            };
            // Where the parser names no place (the text ends too soon), the statement's start, as
            // for any statement.
            let expected = error_position(&Parser::parse_sql(&PostgreSqlDialect {}, &text).unwrap_err().to_string())
                .map_or(0, |_| whole_error_offset(&text));
            assert_eq!(*at, expected, "{ending:?}: {error}");
            // The statements after it are read as ever.
            assert!(matches!(analysis.actions.last().unwrap().kind, ActionKind::DropTable { .. }), "{ending:?}");
            assert_eq!(analysis.statements.len(), 2);
        }
    }

    #[test]
    fn small_statements_and_other_shapes_are_not_read_in_pieces() {
        let code =
            |sql: &str| crate::syntax::lexer::tokenize(sql).into_iter().filter(|t| !t.is_comment()).collect::<Vec<_>>();
        let small = insert(10, None, "");
        assert!(parse_in_pieces(&small, &code(&small)).is_none());
        let select = format!("INSERT INTO t SELECT * FROM u WHERE x IN ({})", vec!["1"; PIECE_TOKENS].join(", "));
        assert!(parse_in_pieces(&select, &code(&select)).is_none());
        let one_row = format!("INSERT INTO t VALUES ({})", vec!["1"; PIECE_TOKENS].join(", "));
        assert!(parse_in_pieces(&one_row, &code(&one_row)).is_none());
    }
}
