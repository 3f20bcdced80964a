//! A PostgreSQL lexer that never fails, with byte spans.
//!
//! It does what sqlparser's tokenizer cannot do for us: give byte offsets (sqlparser's spans count
//! characters and are empty on many statements), keep comments (approvals live in them), and
//! go on after an unterminated string or comment (reported, then treated as running to the end).
//! It is used to split a file into statements, to find each `ALTER TABLE` clause, and to
//! classify statements the parser cannot read.

use crate::source::Span;
use crate::syntax::ident::{self, Ident};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An unquoted word: keyword or identifier. Compare with [`Token::is`] (case-insensitive).
    Word,
    /// `"..."`; [`Token::ident`] gives the unescaped value.
    QuotedIdent,
    /// `'...'`, `E'...'`, `U&'...'`, `B'...'`, `X'...'`, `N'...'`.
    String,
    /// `$tag$ ... $tag$`; `delimiter` is the length of `$tag$` ([`Token::dollar_body`] gives the
    /// text between the delimiters). A length, not the body's span, keeps a token at 32 bytes:
    /// tokens are most of the memory of a large migration's analysis.
    DollarString {
        delimiter: u32,
    },
    Number,
    /// `$1`.
    Parameter,
    LineComment,
    BlockComment,
    /// Any other single character: `;`, `(`, `)`, `,`, `.`, operators.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
    /// True for a string, identifier or comment that reached the end of the input unclosed.
    pub unterminated: bool,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.start..self.span.end]
    }

    /// Whether this is the unquoted word `keyword` (ASCII case-insensitive).
    pub fn is(&self, source: &str, keyword: &str) -> bool {
        self.kind == Kind::Word && self.text(source).eq_ignore_ascii_case(keyword)
    }

    /// The span of a dollar-quoted string's body (to the end of the input when it is unterminated).
    pub fn dollar_body(&self) -> Option<Span> {
        let Kind::DollarString { delimiter } = self.kind else { return None };
        let delimiter = delimiter as usize;
        let start = (self.span.start + delimiter).min(self.span.end);
        let end = if self.unterminated { self.span.end } else { self.span.end.saturating_sub(delimiter) };
        Some(Span::new(start, end.max(start)))
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn is_comment(&self) -> bool {
        matches!(self.kind, Kind::LineComment | Kind::BlockComment)
    }

    /// The value of a plain `'...'` string (`''` unescaped); `None` for other tokens, prefixed
    /// strings (`E'...'`, whose escapes differ) and unterminated ones.
    pub fn string_value(&self, source: &str) -> Option<String> {
        let text = self.text(source);
        let inner =
            text.strip_prefix('\'')?.strip_suffix('\'').filter(|_| self.kind == Kind::String && !self.unterminated)?;
        Some(inner.replace("''", "'"))
    }

    /// The identifier this token names (see [`crate::syntax::ident`]); `None` for other tokens
    /// and a `U&"..."` name with invalid escapes.
    pub fn ident(&self, source: &str) -> Option<Ident> {
        match self.kind {
            Kind::Word | Kind::QuotedIdent => ident::from_token(self.text(source), self.unterminated),
            _ => None,
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || !c.is_ascii() && !c.is_whitespace()
}

fn is_ident_continue(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || c == '$'
}

/// Tokenize all of `source`. Whitespace is dropped; comments are kept.
pub fn tokenize(source: &str) -> Vec<Token> {
    // Sized for about one token per five bytes (real migrations have one per 5 to 8), so that a
    // large file's list is not grown by doubling: each doubling copied it, and in WASM, whose
    // memory only grows, both copies stayed in the peak. Pages reserved and never written cost nothing.
    let mut tokens = Vec::with_capacity(source.len() / 5 + 8);
    tokens.extend(Lexer::new(source, 0));
    tokens
}

/// The tokens of `source` from byte `from` on, one at a time: what [`tokenize`] gives, without
/// holding them all. `from` must be where a token starts or whitespace (the start of a statement,
/// the end of a comment): the lexer reads any token from its first byte alike.
pub fn tokens_from(source: &str, from: usize) -> Lexer<'_> {
    Lexer::new(source, from)
}

/// Tokenize the part `range` of `source` (a `DO` body, an `EXECUTE` string), with spans into all of
/// `source`, so tokens from nested text are used exactly like top-level ones.
pub fn tokenize_range(source: &str, range: Span) -> Vec<Token> {
    let Some(part) = source.get(range.start..range.end) else { return Vec::new() };
    let shift = |span: Span| Span::new(span.start + range.start, span.end + range.start);
    let mut tokens = tokenize(part);
    for token in &mut tokens {
        token.span = shift(token.span);
    }
    tokens
}

/// The lexer, an iterator of tokens.
pub struct Lexer<'a> {
    source: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The token the last step read.
    token: Option<Token>,
}

impl<'a> Lexer<'a> {
    fn new(source: &'a str, from: usize) -> Lexer<'a> {
        // A byte-order mark is not part of the SQL.
        let from = if from == 0 && source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { from };
        Lexer { source, bytes: source.as_bytes(), pos: from.min(source.len()), token: None }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        while self.pos < self.bytes.len() {
            self.step();
            if let Some(token) = self.token.take() {
                return Some(token);
            }
        }
        None
    }
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.source.get(pos..).and_then(|rest| rest.chars().next())
    }

    fn push(&mut self, kind: Kind, start: usize, unterminated: bool) {
        self.token = Some(Token { kind, span: Span::new(start, self.pos), unterminated });
    }

    /// Read what starts at `self.pos`: whitespace is skipped, a token is left in `self.token`.
    fn step(&mut self) {
        let start = self.pos;
        let byte = self.bytes[self.pos];
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => self.pos += 1,
            b'-' if self.peek(1) == Some(b'-') => {
                self.pos = memchr_newline(self.bytes, self.pos);
                self.push(Kind::LineComment, start, false);
            }
            b'/' if self.peek(1) == Some(b'*') => self.block_comment(start),
            b'\'' => self.quoted(start, b'\'', false, Kind::String),
            b'"' => self.quoted(start, b'"', false, Kind::QuotedIdent),
            b'e' | b'E' if self.peek(1) == Some(b'\'') => {
                self.pos += 1;
                self.quoted(start, b'\'', true, Kind::String)
            }
            b'b' | b'B' | b'x' | b'X' | b'n' | b'N' if self.peek(1) == Some(b'\'') => {
                self.pos += 1;
                self.quoted(start, b'\'', false, Kind::String)
            }
            b'u' | b'U' if self.peek(1) == Some(b'&') && matches!(self.peek(2), Some(b'\'' | b'"')) => {
                self.pos += 2;
                let quote = self.bytes[self.pos];
                let kind = if quote == b'"' { Kind::QuotedIdent } else { Kind::String };
                self.quoted(start, quote, false, kind)
            }
            b'$' => self.dollar(start),
            b'0'..=b'9' => self.number(start),
            b'.' if matches!(self.peek(1), Some(b'0'..=b'9')) => self.number(start),
            _ => {
                let c = self.char_at(self.pos).unwrap_or('\u{fffd}');
                if is_ident_start(c) {
                    self.pos += c.len_utf8();
                    loop {
                        // ASCII first, without decoding: words are most of a migration's bytes.
                        match self.bytes.get(self.pos) {
                            Some(b) if b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$' => self.pos += 1,
                            Some(b) if b.is_ascii() => break,
                            Some(_) => match self.char_at(self.pos).filter(|&c| is_ident_continue(c)) {
                                Some(next) => self.pos += next.len_utf8(),
                                None => break,
                            },
                            None => break,
                        }
                    }
                    self.push(Kind::Word, start, false);
                } else {
                    self.pos += c.len_utf8().max(1);
                    self.push(Kind::Punct(c), start, false);
                }
            }
        }
    }

    /// `/* ... */`, nested as PostgreSQL nests them.
    fn block_comment(&mut self, start: usize) {
        self.pos += 2;
        let mut depth = 1;
        while self.pos < self.bytes.len() {
            match (self.bytes[self.pos], self.peek(1)) {
                (b'/', Some(b'*')) => {
                    depth += 1;
                    self.pos += 2;
                }
                (b'*', Some(b'/')) => {
                    depth -= 1;
                    self.pos += 2;
                    if depth == 0 {
                        self.push(Kind::BlockComment, start, false);
                        return;
                    }
                }
                _ => self.pos += 1,
            }
        }
        self.push(Kind::BlockComment, start, true);
    }

    /// A quoted string or identifier starting at the quote under `self.pos`; a doubled quote
    /// stands for itself, and in `E'...'` strings a backslash escapes the next character.
    fn quoted(&mut self, start: usize, quote: u8, backslash_escapes: bool, kind: Kind) {
        self.pos += 1;
        while self.pos < self.bytes.len() {
            let byte = self.bytes[self.pos];
            if backslash_escapes && byte == b'\\' {
                self.pos += 2;
            } else if byte == quote {
                if self.peek(1) == Some(quote) {
                    self.pos += 2;
                } else {
                    self.pos += 1;
                    self.push(kind, start, false);
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
        self.pos = self.bytes.len();
        self.push(kind, start, true);
    }

    /// `$tag$...$tag$`, `$$...$$`, or a parameter `$1`; a lone `$` is punctuation.
    fn dollar(&mut self, start: usize) {
        let rest = &self.source[self.pos + 1..];
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            self.pos += 1 + rest.bytes().take_while(u8::is_ascii_digit).count();
            return self.push(Kind::Parameter, start, false);
        }
        let tag_len = rest
            .char_indices()
            .take_while(|&(i, c)| if i == 0 { is_ident_start(c) } else { is_ident_continue(c) && c != '$' })
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        if rest.as_bytes().get(tag_len) != Some(&b'$') {
            self.pos += 1;
            return self.push(Kind::Punct('$'), start, false);
        }
        let delimiter = &self.source[start..start + tag_len + 2];
        let body_start = start + delimiter.len();
        match self.source[body_start..].find(delimiter) {
            Some(found) => {
                let body_end = body_start + found;
                self.pos = body_end + delimiter.len();
                self.push(Kind::DollarString { delimiter: delimiter.len() as u32 }, start, false);
            }
            None => {
                self.pos = self.bytes.len();
                self.push(Kind::DollarString { delimiter: delimiter.len() as u32 }, start, true);
            }
        }
    }

    fn number(&mut self, start: usize) {
        while let Some(byte) = self.peek(0) {
            let exponent_sign =
                matches!(byte, b'+' | b'-') && matches!(self.bytes.get(self.pos.wrapping_sub(1)), Some(b'e' | b'E'));
            if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'_' || exponent_sign {
                // `1..2` is not a number; stop before a second dot followed by a dot.
                if byte == b'.' && self.peek(1) == Some(b'.') {
                    break;
                }
                self.pos += 1;
            } else {
                break;
            }
        }
        self.push(Kind::Number, start, false);
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(Kind, &str)> {
        tokenize(source).iter().map(|t| (t.kind, t.text(source))).collect()
    }

    #[test]
    fn words_quoted_identifiers_and_punctuation() {
        let source = r#"ALTER TABLE "public"."Us""er" DROP COLUMN x;"#;
        let tokens = tokenize(source);
        assert!(tokens[0].is(source, "alter"));
        assert_eq!(tokens[2].ident(source).map(|i| i.written().to_string()).as_deref(), Some("public"));
        assert!(tokens[3].is_punct('.'));
        assert_eq!(tokens[4].ident(source).map(|i| i.written().to_string()).as_deref(), Some("Us\"er"));
        assert!(tokens.last().unwrap().is_punct(';'));
    }

    #[test]
    fn strings_hide_semicolons_and_keywords() {
        let source = "SELECT 'a;''DROP TABLE x', E'\\';', $$;$$, $fn$ a $$ ; $fn$;";
        let semicolons = tokenize(source).iter().filter(|t| t.is_punct(';')).count();
        assert_eq!(semicolons, 1);
    }

    #[test]
    fn nested_block_comments_and_line_comments() {
        let source = "/* a /* b; */ c; */ -- d;\nx";
        assert_eq!(
            kinds(source),
            vec![(Kind::BlockComment, "/* a /* b; */ c; */"), (Kind::LineComment, "-- d;"), (Kind::Word, "x")]
        );
    }

    #[test]
    fn dollar_bodies_and_parameters() {
        let source = "DO $body$ BEGIN END $body$; $1";
        let tokens = tokenize(source);
        let body = tokens[1].dollar_body().expect("a dollar string");
        assert_eq!(&source[body.start..body.end], " BEGIN END ");
        let open = tokenize("$x$ a");
        assert_eq!(open[0].dollar_body().map(|b| &"$x$ a"[b.start..b.end]), Some(" a"));
        assert_eq!(std::mem::size_of::<Token>(), 32);
        assert_eq!(tokens.last().unwrap().kind, Kind::Parameter);
    }

    #[test]
    fn unterminated_constructs_run_to_the_end_and_are_marked() {
        for source in ["'abc", "\"abc", "/* abc", "$$ abc", "E'abc\\"] {
            let tokens = tokenize(source);
            assert_eq!(tokens.len(), 1, "{source}");
            assert!(tokens[0].unterminated, "{source}");
            assert_eq!(tokens[0].span.end, source.len(), "{source}");
        }
    }

    #[test]
    fn bom_and_crlf_are_whitespace() {
        let source = "\u{feff}DROP\r\nTABLE t;";
        let tokens = tokenize(source);
        assert_eq!(tokens[0].span.start, 3);
        assert!(tokens[1].is(source, "table"));
    }

    #[test]
    fn casts_and_numbers() {
        assert_eq!(
            kinds("1.5e-3::int"),
            vec![(Kind::Number, "1.5e-3"), (Kind::Punct(':'), ":"), (Kind::Punct(':'), ":"), (Kind::Word, "int")]
        );
    }
}
