//! A migrations folder with a config (structured input): every check, sound findings, the same
//! report twice.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|case: invariants::FolderCase| {
    invariants::folder(&case.input());
});
