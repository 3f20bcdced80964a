//! Our tokens handed to sqlparser's parser, so that a statement is tokenized once, not twice.
//!
//! sqlparser's own tokenizer was a third of the time of a check (callgrind over the corpus,
//! 2026-12-04: 35% of the instructions of `check_sql`, the parser proper 26%). Our lexer has
//! already read every statement, with byte spans; [`parser_tokens`] turns its tokens into the
//! tokens sqlparser's tokenizer would have made, for the token shapes where the two lexers are
//! known to agree, and gives up (`None`) on anything else, where the caller lets sqlparser
//! tokenize the text itself. Giving up is always safe; converting differently is not, so the
//! accepted shapes are few and plain: words, quoted identifiers, plain `'...'` strings, decimal
//! numbers, dollar-quoted strings with a plain tag, punctuation, and the operators `= < > <= >=
//! <> != + - * / % :: || -> ->>`. Everything else (prefixed strings, other numbers, `$1`, other operators,
//! non-ASCII outside words and strings, unterminated tokens) goes to sqlparser's tokenizer.
//!
//! The spans are left empty: nothing reads sqlparser's spans (ours are byte spans from the lexer),
//! and a statement the parser refuses is parsed again from its text, so that its error message,
//! with the line and column it names, is exactly sqlparser's.
//! `tests/handoff.rs` proves the agreement on every statement of the shared corpus: the same
//! tokens and the same syntax tree as sqlparser's own tokenizer gives.

use std::sync::OnceLock;

use sqlparser::ast::DollarQuotedString;
use sqlparser::keywords::{Keyword, ALL_KEYWORDS, ALL_KEYWORDS_INDEX};
use sqlparser::tokenizer::{Span as TokenSpan, Token as SqlToken, TokenWithSpan, Whitespace, Word};

use crate::source::Position;
use crate::syntax::ident;
use crate::syntax::lexer::{Kind, Token};

/// The characters sqlparser's PostgreSQL dialect joins into one (custom) operator.
fn is_operator_char(c: char) -> bool {
    matches!(c, '+' | '-' | '*' | '/' | '<' | '>' | '=' | '~' | '!' | '@' | '#' | '%' | '^' | '&' | '|' | '`' | '?')
}

/// sqlparser's tokens for `tokens` (one statement's comment-free tokens, in order, from `sql`),
/// with a space between two tokens that whitespace or comments separate; `None` where a token's
/// shape is not one the two lexers are known to read alike.
pub fn parser_tokens(sql: &str, tokens: &[Token]) -> Option<Vec<TokenWithSpan>> {
    let mut out = Vec::with_capacity(tokens.len() * 2);
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if token.unterminated {
            return None;
        }
        if i > 0 {
            let gap = &sql[tokens[i - 1].span.end..token.span.start];
            if !gap.is_empty() {
                // Whitespace and comments (the lexer drew their bounds); non-ASCII between tokens
                // could be a character the two lexers class differently.
                if !gap.is_ascii() {
                    return None;
                }
                out.push(wrap(SqlToken::Whitespace(Whitespace::Space)));
            }
        }
        let text = token.text(sql);
        let converted = match token.kind {
            Kind::Word => SqlToken::Word(Word { value: text.to_string(), quote_style: None, keyword: keyword(text) }),
            Kind::QuotedIdent if text.starts_with('"') => SqlToken::Word(Word {
                value: undouble(&text[1..text.len() - 1], "\"\"", "\""),
                quote_style: Some('"'),
                keyword: Keyword::NoKeyword,
            }),
            // `U&"d\0061ta"`, which sqlparser's tokenizer does not read: decoded, it is the quoted
            // name `"data"`. With `UESCAPE` (another escape character) it is left to sqlparser.
            Kind::QuotedIdent => {
                if tokens.get(i + 1).is_some_and(|next| next.is(sql, "UESCAPE")) {
                    return None;
                }
                let name = ident::from_token(text, false)?;
                SqlToken::Word(Word {
                    value: name.written().to_string(),
                    quote_style: Some('"'),
                    keyword: Keyword::NoKeyword,
                })
            }
            Kind::String if text.starts_with('\'') => {
                SqlToken::SingleQuotedString(undouble(&text[1..text.len() - 1], "''", "'"))
            }
            // A decimal number, `1`, `1.5`, `1.` or `.5` (the lexer reads `1e3`, `0x1F` and `1_000`
            // whole: those are left to sqlparser's rules), that no word or string touches.
            Kind::Number if is_decimal(text) => match touching(tokens, i + 1) {
                // `1..2`: sqlparser reads `1.` where the lexer stops before the dots.
                Some(next) if !matches!(next.kind, Kind::Punct(_)) || next.is_punct('.') => return None,
                _ => SqlToken::Number(text.to_string(), false),
            },
            Kind::DollarString { delimiter } => {
                let body = token.dollar_body()?;
                // `$tag$body$tag$`: the tag is the delimiter without its two `$`.
                let tag = &text[1..delimiter as usize - 1];
                if !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return None;
                }
                let value = sql[body.start..body.end].to_string();
                if tag.is_empty() && value.contains('$') {
                    // sqlparser reads `$` inside an untagged body by rules of its own.
                    return None;
                }
                let tag = (!tag.is_empty()).then(|| tag.to_string());
                SqlToken::DollarQuotedString(DollarQuotedString { value, tag })
            }
            Kind::Punct(c) => {
                let (converted, width) = punctuation(c, tokens, i, sql)?;
                out.push(wrap(converted));
                i += width;
                continue;
            }
            _ => return None,
        };
        out.push(wrap(converted));
        i += 1;
    }
    Some(out)
}

/// The token that punctuation at `tokens[i]` starts, and how many of our (one-character) tokens it
/// takes; `None` for an operator or character that is not converted.
fn punctuation(c: char, tokens: &[Token], i: usize, sql: &str) -> Option<(SqlToken, usize)> {
    // The next character when it touches this one (our punctuation tokens are one character each).
    let touching = |j: usize| touching(tokens, j).and_then(|next| next.text(sql).chars().next());
    let simple = match c {
        '(' => Some(SqlToken::LParen),
        ')' => Some(SqlToken::RParen),
        ',' => Some(SqlToken::Comma),
        ';' => Some(SqlToken::SemiColon),
        '[' => Some(SqlToken::LBracket),
        ']' => Some(SqlToken::RBracket),
        // `._x` is read by rules of sqlparser's own; a `.` touching a number does not occur (the
        // lexer reads `.5` and `1.` as numbers), and `.` after a number is part of the number.
        '.' => match touching(i + 1) {
            Some('_') => return None,
            _ => Some(SqlToken::Period),
        },
        _ => None,
    };
    if let Some(token) = simple {
        return Some((token, 1));
    }
    if c == ':' {
        return match (touching(i + 1), touching(i + 2)) {
            (Some(':'), Some(':' | '=')) | (Some('='), _) => None,
            (Some(':'), _) => Some((SqlToken::DoubleColon, 2)),
            _ => Some((SqlToken::Colon, 1)),
        };
    }
    if !is_operator_char(c) {
        return None;
    }
    // A run of operator characters is one operator to sqlparser; convert the common ones only.
    // (Operator characters are ASCII: the run's length in bytes is its length in tokens.)
    let mut run = String::from(c);
    while let Some(next) = touching(i + run.len()).filter(|&n| is_operator_char(n)) {
        run.push(next);
        if run.len() > 3 {
            return None;
        }
    }
    let token = match run.as_str() {
        "=" => SqlToken::Eq,
        "<" => SqlToken::Lt,
        ">" => SqlToken::Gt,
        "<=" => SqlToken::LtEq,
        ">=" => SqlToken::GtEq,
        "<>" | "!=" => SqlToken::Neq,
        "||" => SqlToken::StringConcat,
        "->" => SqlToken::Arrow,
        "->>" => SqlToken::LongArrow,
        "+" => SqlToken::Plus,
        "-" => SqlToken::Minus,
        "*" => SqlToken::Mul,
        "/" => SqlToken::Div,
        "%" => SqlToken::Mod,
        _ => return None,
    };
    Some((token, run.len()))
}

/// `tokens[j]` when it touches the token before it (no whitespace or comment between).
fn touching(tokens: &[Token], j: usize) -> Option<&Token> {
    tokens.get(j).filter(|next| next.span.start == tokens[j - 1].span.end)
}

fn wrap(token: SqlToken) -> TokenWithSpan {
    TokenWithSpan { token, span: TokenSpan::empty() }
}

/// sqlparser refused a statement: its message, and where, when the reader knows it better than
/// the message does (a byte offset into the file; else the message's own `at Line: .., Column: ..`,
/// counted in the statement's text, is the place).
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
    pub at: Option<usize>,
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal { message, at: None }
    }
}

/// The position sqlparser names at the end of its messages (`... at Line: 2, Column: 7`; lines
/// and columns from 1, columns in characters).
pub fn error_position(message: &str) -> Option<Position> {
    let rest = &message[message.rfind("Line: ")? + 6..];
    let (line, rest) = rest.split_once(", Column: ")?;
    let line = line.trim().parse().ok()?;
    let column = rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())].parse().ok()?;
    Some(Position { line, column })
}

/// `1`, `1.5`, `1.`, `.5`: digits with at most one `.`, and at least one digit.
fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    (!whole.is_empty() || !fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `inner` with each doubled quote made single (most names and strings have none).
fn undouble(inner: &str, doubled: &str, single: &str) -> String {
    match inner.contains(doubled) {
        true => inner.replace(doubled, single),
        false => inner.to_string(),
    }
}

/// sqlparser's keywords in an open-addressing hash table, for [`keyword`].
struct Keywords {
    /// `(hash, index into ALL_KEYWORDS + 1)`; 0 marks an empty slot.
    slots: Vec<(u32, u16)>,
    longest: usize,
}

/// A multiply-rotate hash (FxHash's) of the word's ASCII upper case.
fn hash(word: &[u8]) -> u32 {
    let mut h: u64 = 0;
    for &b in word {
        h = (h.rotate_left(5) ^ u64::from(b.to_ascii_uppercase())).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    (h >> 32) as u32
}

/// The keyword an unquoted word is, as sqlparser's tokenizer decides it (ASCII case-insensitive,
/// [`Keyword::NoKeyword`] for none), found by hash instead of sqlparser's binary search over all of
/// them, which was a tenth of a check's instructions (callgrind, 2026-12-04).
pub fn keyword(word: &str) -> Keyword {
    static KEYWORDS: OnceLock<Keywords> = OnceLock::new();
    let keywords = KEYWORDS.get_or_init(|| {
        let size = (ALL_KEYWORDS.len() * 4).next_power_of_two();
        let mut slots = vec![(0u32, 0u16); size];
        for (i, k) in ALL_KEYWORDS.iter().enumerate() {
            let h = hash(k.as_bytes());
            let mut at = h as usize & (size - 1);
            while slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (h, i as u16 + 1);
        }
        Keywords { slots, longest: ALL_KEYWORDS.iter().map(|k| k.len()).max().unwrap_or(0) }
    });
    let bytes = word.as_bytes();
    if bytes.len() > keywords.longest {
        return Keyword::NoKeyword;
    }
    let h = hash(bytes);
    let mask = keywords.slots.len() - 1;
    let mut at = h as usize & mask;
    loop {
        match keywords.slots[at] {
            (_, 0) => return Keyword::NoKeyword,
            (slot_hash, index)
                if slot_hash == h && ALL_KEYWORDS[usize::from(index - 1)].as_bytes().eq_ignore_ascii_case(bytes) =>
            {
                return ALL_KEYWORDS_INDEX[usize::from(index - 1)]
            }
            _ => at = (at + 1) & mask,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_found_as_sqlparser_finds_them() {
        for (i, word) in ALL_KEYWORDS.iter().enumerate() {
            let mixed: String =
                word.chars().enumerate().map(|(j, c)| if j % 2 == 0 { c.to_ascii_lowercase() } else { c }).collect();
            for spelling in [word.to_string(), word.to_ascii_lowercase(), mixed] {
                assert_eq!(keyword(&spelling), ALL_KEYWORDS_INDEX[i], "{spelling}");
                let SqlToken::Word(theirs) = SqlToken::make_word(&spelling, None) else { unreachable!() };
                assert_eq!(keyword(&spelling), theirs.keyword, "{spelling}");
            }
        }
        for word in ["", "users", "selectx", "_", "ſelect", "SELEC", "x".repeat(200).as_str(), "ÄLTER"] {
            let SqlToken::Word(theirs) = SqlToken::make_word(word, None) else { unreachable!() };
            assert_eq!(keyword(word), theirs.keyword, "{word}");
            assert_eq!(keyword(word), Keyword::NoKeyword, "{word}");
        }
    }
}
