//! The whole SQL pass (`check_sql`): sound findings, every unparsed statement reported, the same
//! report twice.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        invariants::sql(text);
    }
});
