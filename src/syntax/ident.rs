//! PostgreSQL's identifier rules, in one place: every reader, rule and the schema model turn a
//! written name into the name PostgreSQL stores through this module, and compare names only as
//! stored.
//!
//! - An unquoted name is folded to lower case: ASCII letters only, as `downcase_identifier` does
//!   in a UTF-8 database (other letters keep their case).
//! - A quoted name (`"User"`) is kept exactly, with `""` read as one `"`.
//! - `U&"d\0061ta"` has its Unicode escapes decoded (`\XXXX`, `\+XXXXXX`, `\\`). A `UESCAPE`
//!   clause (another escape character) is not read: the parser is left to refuse such a statement.
//! - Every name is cut to 63 bytes (NAMEDATALEN - 1), never inside a multi-byte character;
//!   PostgreSQL only says so in a NOTICE.
//!
//! A name keeps its written form for messages: a finding about `"Users"` says `Users`, a finding
//! about a 70-character name shows all 70.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// PostgreSQL's NAMEDATALEN - 1: longer names are cut (at a character boundary).
pub const MAX_IDENT: usize = 63;

/// An identifier as written (unescaped) and whether it was quoted. Equality, ordering and hashing
/// are by the stored form: `Users`, `users` and `"users"` are one name, `"Users"` another.
#[derive(Debug, Clone)]
pub struct Ident {
    value: String,
    quoted: bool,
}

impl Ident {
    /// A name written without quotes (`User` is stored as `user`).
    pub fn unquoted(value: &str) -> Ident {
        Ident { value: value.to_string(), quoted: false }
    }

    /// A name written in double quotes, already unescaped (`"User"` -> `User`).
    pub fn quoted(value: &str) -> Ident {
        Ident { value: value.to_string(), quoted: true }
    }

    pub fn new(value: String, quoted: bool) -> Ident {
        Ident { value, quoted }
    }

    /// The name as written, unescaped and without its quotes: what messages show.
    pub fn written(&self) -> &str {
        &self.value
    }

    /// The name PostgreSQL stores.
    pub fn stored(&self) -> Cow<'_, str> {
        stored(&self.value, self.quoted)
    }

    /// Whether this is `name`, a name as PostgreSQL stores it (already folded and cut).
    pub fn is(&self, name: &str) -> bool {
        let end = cut(&self.value, MAX_IDENT);
        end == name.len() && self.stored_bytes().eq(name.bytes())
    }

    /// The stored form's bytes, without building it: lower-casing ASCII keeps every byte's place,
    /// so the cut is found on the written text.
    fn stored_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let quoted = self.quoted;
        self.value[..cut(&self.value, MAX_IDENT)].bytes().map(move |b| if quoted { b } else { b.to_ascii_lowercase() })
    }
}

/// A name written without quotes.
impl From<&str> for Ident {
    fn from(value: &str) -> Ident {
        Ident::unquoted(value)
    }
}

impl PartialEq for Ident {
    fn eq(&self, other: &Ident) -> bool {
        cut(&self.value, MAX_IDENT) == cut(&other.value, MAX_IDENT) && self.stored_bytes().eq(other.stored_bytes())
    }
}

impl Eq for Ident {}

impl Hash for Ident {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.stored_bytes() {
            state.write_u8(byte);
        }
        state.write_u8(0xff);
    }
}

impl Ord for Ident {
    fn cmp(&self, other: &Ident) -> Ordering {
        self.stored_bytes().cmp(other.stored_bytes())
    }
}

impl PartialOrd for Ident {
    fn partial_cmp(&self, other: &Ident) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

/// The name PostgreSQL stores for `value` (unescaped), written quoted or not.
pub fn stored(value: &str, quoted: bool) -> Cow<'_, str> {
    let value = &value[..cut(value, MAX_IDENT)];
    if quoted || !value.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(value.to_ascii_lowercase())
    }
}

/// `name` cut to at most `max` bytes, at a character boundary.
pub fn truncate_to(name: &str, max: usize) -> &str {
    &name[..cut(name, max)]
}

/// Where `name` ends when cut to `max` bytes at a character boundary.
fn cut(name: &str, max: usize) -> usize {
    if name.len() <= max {
        return name.len();
    }
    let mut end = max;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The identifier a token's text spells: a word, `"quoted"` (`""` unescaped) or `U&"escaped"`
/// (decoded with `\` as the escape). An unterminated quoted
/// name is read to its end. `None` when the text is not an identifier, or its escapes are invalid
/// (PostgreSQL refuses the statement).
pub fn from_token(text: &str, unterminated: bool) -> Option<Ident> {
    let (unicode, rest) = match text.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("u&\"") => (true, &text[2..]),
        _ => (false, text),
    };
    let Some(inner) = rest.strip_prefix('"') else {
        return Some(Ident::unquoted(text));
    };
    let inner = if unterminated { inner } else { inner.strip_suffix('"').unwrap_or(inner) };
    let value = inner.replace("\"\"", "\"");
    if unicode {
        decode_unicode(&value).map(|value| Ident::new(value, true))
    } else {
        Some(Ident::new(value, true))
    }
}

/// The text of a `U&"..."` name with its escapes decoded: `\XXXX` (4 hex digits), `\+XXXXXX`
/// (6), `\\` for a backslash; UTF-16 surrogate pairs combined. `None` for an invalid escape, as
/// PostgreSQL refuses it.
fn decode_unicode(body: &str) -> Option<String> {
    let escape = '\\';
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != escape {
            if high.is_some() {
                return None;
            }
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&escape) {
            chars.next();
            if high.is_some() {
                return None;
            }
            out.push(escape);
            continue;
        }
        let digits = if chars.peek() == Some(&'+') {
            chars.next();
            6
        } else {
            4
        };
        let mut code = 0u32;
        for _ in 0..digits {
            code = code * 16 + chars.next()?.to_digit(16)?;
        }
        match (high.take(), code) {
            (None, 0xD800..=0xDBFF) => high = Some(code),
            (Some(h), 0xDC00..=0xDFFF) => out.push(char::from_u32(0x10000 + ((h - 0xD800) << 10) + (code - 0xDC00))?),
            (None, 0) | (Some(_), _) => return None,
            (None, code) => out.push(char::from_u32(code)?),
        }
    }
    high.is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_names_fold_and_quoted_ones_do_not() {
        let [a, b, c, d] =
            [Ident::unquoted("Users"), Ident::unquoted("users"), Ident::quoted("Users"), Ident::quoted("users")];
        assert_eq!(a, b);
        assert_eq!(a, d);
        assert_ne!(a, c);
        assert_eq!(a.stored(), "users");
        assert_eq!(c.stored(), "Users");
        assert_eq!(a.to_string(), "Users", "messages show the name as written");
        assert!(a.is("users") && !a.is("Users") && c.is("Users"));
    }

    #[test]
    fn only_ascii_letters_fold() {
        assert_eq!(Ident::unquoted("ÉtéX").stored(), "Étéx");
    }

    #[test]
    fn names_are_cut_to_63_bytes_on_a_character_boundary() {
        let long = "a".repeat(70);
        assert_eq!(Ident::quoted(&long).stored().len(), 63);
        assert_eq!(Ident::quoted(&long), Ident::quoted(&long[..63]));
        assert!(Ident::quoted(&long).is(&long[..63]));
        // 31 two-byte letters are 62 bytes; the 32nd would end at byte 64, so it goes.
        let letters = "é".repeat(40);
        assert_eq!(Ident::quoted(&letters).stored(), "é".repeat(31));
        assert_eq!(truncate_to(&format!("{}é", "a".repeat(62)), 63), "a".repeat(62));
    }

    #[test]
    fn equal_names_hash_alike() {
        use std::collections::HashSet;
        let set: HashSet<Ident> = [Ident::unquoted("User"), Ident::quoted("user")].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert!(set.contains(&Ident::unquoted("USER")));
        assert!(!set.contains(&Ident::quoted("User")));
    }

    #[test]
    fn token_text_is_read_as_postgresql_reads_it() {
        assert_eq!(from_token("\"a\"\"b\"", false).unwrap().written(), "a\"b");
        assert_eq!(from_token("U&\"d\\0061t\\+000061\"", false).unwrap(), Ident::quoted("data"));
        assert_eq!(from_token("u&\"\\\\x\"", false).unwrap().written(), "\\x");
        assert!(from_token("U&\"\\00zz\"", false).is_none());
        assert_eq!(from_token("Users", false).unwrap(), Ident::unquoted("users"));
        assert_eq!(from_token("\"open", true).unwrap().written(), "open");
    }

    #[test]
    fn unicode_escapes_decode_with_surrogate_pairs() {
        assert_eq!(decode_unicode("\\D83D\\DE00").as_deref(), Some("😀"));
        assert_eq!(decode_unicode("\\0041\\\\").as_deref(), Some("A\\"));
        assert_eq!(decode_unicode("\\D83D"), None);
        assert_eq!(decode_unicode("\\0000"), None);
    }
}
