//! Large texts handed over apart from their input's JSON.
//!
//! A migration's SQL inside the JSON of a folder's input is copied three times on its way in: into
//! the JSON text, into the module's memory as bytes, and out of them into a string (through a
//! scratch buffer, as it holds escapes); for a 50 MB seed file that was most of the module's peak.
//! The JS side hands each large text in as its own bytes instead ([`keep`], one copy, owned as it
//! is), and the JSON names it `{"$text": id}` where the text would be. Inputs read the `sql` fields
//! with [`sql`], which takes the text out of the table; the export that read the input [`clear`]s
//! what is left. Nothing here is seen by a caller of the core in Rust: texts there are strings.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

thread_local! {
    static TEXTS: RefCell<Vec<Option<String>>> = const { RefCell::new(Vec::new()) };
}

/// Keep `text` for the next input that names it; its id.
pub fn keep(text: String) -> usize {
    TEXTS.with(|texts| {
        let mut texts = texts.borrow_mut();
        texts.push(Some(text));
        texts.len() - 1
    })
}

/// Drop every text kept and not taken.
pub fn clear() {
    TEXTS.with(|texts| texts.borrow_mut().clear());
}

fn take(id: u64) -> Option<String> {
    TEXTS.with(|texts| texts.borrow_mut().get_mut(usize::try_from(id).ok()?)?.take())
}

/// An optional text field: `null`, a string, or `{"$text": id}` for a text kept apart.
pub fn sql<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(Text)
}

/// Texts by name (`RenderOptions::sources`): each a string or `{"$text": id}`.
pub fn by_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct Required(String);
    impl<'de> Deserialize<'de> for Required {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(Text)?.map(Required).ok_or_else(|| de::Error::custom("a text cannot be null"))
        }
    }
    let texts = BTreeMap::<String, Required>::deserialize(deserializer)?;
    Ok(texts.into_iter().map(|(name, text)| (name, text.0)).collect())
}

struct Text;

impl<'de> Visitor<'de> for Text {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, null or {\"$text\": id}")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(Text)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_string()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom("an empty object is not a text"));
        };
        if key != "$text" {
            return Err(de::Error::unknown_field(&key, &["$text"]));
        }
        let id: u64 = map.next_value()?;
        if map.next_key::<String>()?.is_some() {
            return Err(de::Error::custom("a kept text is named by `$text` alone"));
        }
        take(id).map(Some).ok_or_else(|| de::Error::custom(format!("no kept text {id} (each is read once)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::HistoryInput;

    #[test]
    fn a_kept_text_stands_where_the_json_names_it_and_is_read_once() {
        clear();
        let id = keep("DROP TABLE a;".to_string());
        let json =
            format!(r#"{{"migrations": [{{"name": "m", "sql": {{"$text": {id}}}}}, {{"name": "n", "sql": "x"}}]}}"#);
        let input: HistoryInput = serde_json::from_str(&json).unwrap();
        assert_eq!(input.migrations[0].sql.as_deref(), Some("DROP TABLE a;"));
        assert_eq!(input.migrations[1].sql.as_deref(), Some("x"));
        let again = serde_json::from_str::<HistoryInput>(&json).unwrap_err().to_string();
        assert!(again.contains("no kept text 0 (each is read once)"), "{again}");
        for bad in [r#"{"$txt": 0}"#, r#"{"$text": 0, "more": 1}"#, r#"{"$text": "0"}"#, "7"] {
            let json = format!(r#"{{"migrations": [{{"name": "m", "sql": {bad}}}]}}"#);
            assert!(serde_json::from_str::<HistoryInput>(&json).is_err(), "{bad}");
        }
        let id = keep("SELECT 1;".to_string());
        let json = format!(r#"{{"sources": {{"a.sql": {{"$text": {id}}}, "b.sql": "x"}}}}"#);
        let options: crate::render::RenderOptions = serde_json::from_str(&json).unwrap();
        assert_eq!(options.sources["a.sql"], "SELECT 1;");
        assert_eq!(options.sources["b.sql"], "x");
        assert!(serde_json::from_str::<crate::render::RenderOptions>(r#"{"sources": {"a": null}}"#).is_err());
        let missing: HistoryInput =
            serde_json::from_str(r#"{"migrations": [{"name": "m", "sql": null}, {"name": "n"}]}"#).unwrap();
        assert!(missing.migrations.iter().all(|m| m.sql.is_none()));
        clear();
    }
}
