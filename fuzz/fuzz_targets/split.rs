//! The lexer and the statement splitter: no text lost, statements in order, spans on char boundaries.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        invariants::tokens_sound(text);
        invariants::split_lossless(text);
    }
});
