//! Every input the fuzz targets ever crashed on (`scripts/fuzz.sh` copies each crash here, under
//! `tests/fuzz_regressions/<target>/`), checked against the same invariants as the targets, so a
//! fixed crash stays fixed. Inputs that are not UTF-8 are skipped, as the targets skip them.

mod invariants;

use std::fs;
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};

#[test]
fn every_recorded_crash_keeps_every_invariant() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut checked = 0;
    for target in ["split", "check_sql", "folder"] {
        let Ok(entries) = fs::read_dir(root.join(target)) else { continue };
        for entry in entries.flatten() {
            let bytes = fs::read(entry.path()).unwrap();
            if target == "folder" {
                if let Ok(case) = invariants::FolderCase::arbitrary(&mut Unstructured::new(&bytes)) {
                    invariants::folder(&case.input());
                }
            } else if let Ok(text) = std::str::from_utf8(&bytes) {
                invariants::tokens_sound(text);
                invariants::split_lossless(text);
                if target == "check_sql" {
                    invariants::sql(text);
                }
            }
            checked += 1;
        }
    }
    // The cases kept by hand (NUL bytes, open strings and bodies, deep nesting, BOM and CRLF) are
    // there from the start: an empty run would prove nothing.
    assert!(checked >= 4, "only {checked} regression inputs found under {}", root.display());
}
