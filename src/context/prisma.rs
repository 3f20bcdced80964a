//! What Prisma Migrate itself decides about a migrations folder: the order it applies folders in
//! and the checksum it records for each `migration.sql`.

use std::cmp::Ordering;

use sha2::{Digest, Sha256};

use crate::source::Span;

// ---------------------------------------------------------------------------------------------
// The order Prisma applies migrations in

/// The order Prisma applies migration folders in: `a.localeCompare(b)` in Node (ICU's root
/// collation, as `listMigrations` in `@prisma/migrate` sorts), exact for names made of ASCII.
///
/// The collation compares in two passes. First by base letters, ignoring case, with every ASCII
/// symbol before every digit and every digit before every letter (so `_` < `-` < `0` < `a`,
/// unlike byte order where `-` < `0` < `A` < `_` < `a`). Only when that ties, by case, lowercase
/// first at the first difference. Control characters are ignored, as in ICU. Characters beyond
/// ASCII sort after all ASCII, by lowercase code point: ICU would place accented letters next to their base
/// letter, but Prisma's names are ASCII in practice. Where `localeCompare` says 0 (names equal
/// but for ignorable characters) the tie is broken by bytes, so the order is total.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    fn weights(text: &str) -> impl Iterator<Item = u32> + '_ {
        text.chars().map(primary_weight).filter(|&weight| weight != 0)
    }
    fn cases(text: &str) -> impl Iterator<Item = bool> + '_ {
        text.chars().filter(|&c| primary_weight(c) != 0).map(char::is_uppercase)
    }
    weights(a).cmp(weights(b)).then_with(|| cases(a).cmp(cases(b))).then_with(|| a.cmp(b))
}

/// Indices of `names` in Prisma's order.
pub fn prisma_order<'n>(names: impl Iterator<Item = &'n str>) -> Vec<usize> {
    let names: Vec<&str> = names.collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| compare_names(names[a], names[b]));
    order
}

/// Printable ASCII in ICU root collation order (as Node 20 with ICU 78 sorts it); each uppercase
/// letter follows its lowercase letter and shares its base weight.
const ASCII_ORDER: &[u8] =
    b" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

/// Base weight of each ASCII byte; 0 for control characters, which the collation ignores.
const PRIMARY: [u16; 128] = {
    let mut table = [0u16; 128];
    let mut weight = 0u16;
    let mut i = 0;
    while i < ASCII_ORDER.len() {
        let byte = ASCII_ORDER[i];
        if byte.is_ascii_uppercase() {
            table[byte as usize] = table[byte.to_ascii_lowercase() as usize];
        } else {
            weight += 1;
            table[byte as usize] = weight;
        }
        i += 1;
    }
    table
};

fn primary_weight(c: char) -> u32 {
    match u8::try_from(c) {
        Ok(byte) if byte < 128 => u32::from(PRIMARY[byte as usize]),
        // Case is a tie-breaker here too: `É` shares the base weight of `é`.
        _ => 1000 + u32::from(c.to_lowercase().next().unwrap_or(c)),
    }
}

// ---------------------------------------------------------------------------------------------
// Checksums

/// Prisma's checksum of a migration script: the hex sha256 of its text, as
/// `_prisma_migrations.checksum` holds it.
pub fn checksum(script: &str) -> String {
    Sha256::digest(script.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `script` matches a recorded checksum the way Prisma decides it: the script as is, with
/// CRLF turned into LF, or with LF turned into CRLF (git may switch line endings on checkout);
/// checksums recorded by old Prisma versions without zero padding are accepted too.
pub fn script_matches_checksum(script: &str, recorded: &str) -> bool {
    let recorded = recorded.trim().to_ascii_lowercase();
    let old_format = !recorded.is_empty() && recorded.len() != 64;
    let matches = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        let rendered: String = if old_format {
            digest.iter().map(|byte| format!("{byte:x}")).collect()
        } else {
            digest.iter().map(|byte| format!("{byte:02x}")).collect()
        };
        rendered == recorded
    };
    matches(script) || matches(&script.replace("\r\n", "\n")) || matches(&script.replace('\n', "\r\n"))
}

/// The same decision as [`script_matches_checksum`] when the recorded script's text is known,
/// without hashing.
pub fn script_matches_text(script: &str, recorded: &str) -> bool {
    script == recorded
        || (script.contains("\r\n") && script.replace("\r\n", "\n") == recorded)
        || (recorded.contains("\r\n") && script.replace('\n', "\r\n") == recorded)
}

/// The span of the first line of `current` that differs from `recorded` (line endings aside).
pub fn first_changed_line(current: &str, recorded: &str) -> Span {
    let mut offset = 0;
    let mut recorded_lines = recorded.split('\n');
    for line in current.split_inclusive('\n') {
        let text = line.trim_end_matches('\n').trim_end_matches('\r');
        match recorded_lines.next() {
            Some(old) if old.trim_end_matches('\r') == text => offset += line.len(),
            _ => return Span::new(offset, offset + text.len()),
        }
    }
    Span::new(current.len(), current.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `names.sort((a, b) => a.localeCompare(b))` in Node v20.20.2 (ICU 78.2, locale en-US),
    /// run once and pasted here: the expected order for the comparator.
    const NODE_SORTED: &[&str] = &[
        "_",
        "__",
        "__init",
        "_-",
        "_0",
        "_init",
        "-",
        "-_",
        "--",
        "-0",
        "-init",
        "0",
        "0_",
        "0-",
        "00",
        "01_init",
        "0a",
        "0A",
        "1_init",
        "10_add",
        "202310122339_NewColumnInLinkTable",
        "202310311254_NewColumnEnableNotificationLinkTable",
        "20231031125400_x",
        "20240101_a",
        "202401010000_a",
        "2024010100000",
        "2024010100000_init",
        "20240101000000",
        "20240101000000_add__user",
        "20240101000000_add_user",
        "20240101000000_add_User",
        "20240101000000_ADD_USER",
        "20240101000000_add_user_",
        "20240101000000_add_user2",
        "20240101000000_add_users",
        "20240101000000_add-user",
        "20240101000000_addUser",
        "20240101000000_AddUser",
        "20240101000000_init",
        "20240101000000_Init",
        "20240101000000-init",
        "20240101000000init",
        "20240101000001_a",
        "2024010100000a",
        "20240101000010_a",
        "20241231_add_dataroom_allow_bulk_download",
        "20241231000000_add_x",
        "20251208120000_add_user_verification_fields",
        "20251208130000_create_audit_logs_table",
        "20251208140000_add_index_jobs_status",
        "20251208150000_rename_column_user_name",
        "20251208160000_drop_legacy_sessions_table",
        "9",
        "9_add",
        "a",
        "A",
        "a_",
        "a_b",
        "a-",
        "a-b",
        "a0",
        "a9",
        "aa",
        "aA",
        "Aa",
        "AA",
        "ab",
        "aB",
        "Ab",
        "AB",
        "b",
        "B",
        "skillpod",
        "Skillpod_b2b",
        "skillpod_b2b_enterprise",
        "skillpod-b2b",
        "skillpodB2b",
        "x_1",
        "x_a",
        "x_A",
        "X_a",
        "x-1",
        "x-a",
        "x1",
        "xa",
        "z",
        "Z",
    ];

    #[test]
    fn the_comparator_sorts_like_node_locale_compare() {
        let mut names: Vec<&str> = NODE_SORTED.to_vec();
        names.reverse();
        names.rotate_left(17);
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(names, NODE_SORTED);
        for pair in NODE_SORTED.windows(2) {
            assert_eq!(compare_names(pair[0], pair[1]), Ordering::Less, "{pair:?}");
            assert_eq!(compare_names(pair[1], pair[0]), Ordering::Greater, "{pair:?}");
        }
        assert_eq!(compare_names("20240101000000_x", "20240101000000_x"), Ordering::Equal);
    }

    #[test]
    fn byte_order_would_differ_where_it_matters() {
        // Prisma applies the 8-digit name first; byte order (`0` < `_`) would apply it last.
        assert_eq!(compare_names("20241231_add_x", "20241231000000_add_y"), Ordering::Less);
        assert_eq!("20241231_add_x".cmp("20241231000000_add_y"), Ordering::Greater);
        // Case is only a tie-breaker.
        assert_eq!(compare_names("20240101000000_B", "20240101000000_a"), Ordering::Greater);
    }

    #[test]
    fn control_characters_are_ignored_and_non_ascii_never_panics() {
        // Node says 0 (the control character is ignorable); the tie is broken by bytes.
        assert_eq!(compare_names("a\u{1}b", "ab"), Ordering::Less);
        assert_eq!(compare_names("ab", "a\u{1}c"), Ordering::Less);
        assert_eq!(compare_names("zz", "é"), Ordering::Less);
        assert_eq!(compare_names("É", "é"), Ordering::Greater);
    }

    #[test]
    fn checksums_are_prisma_s() {
        // `printf 'SELECT 1;\n' | sha256sum`
        assert_eq!(checksum("SELECT 1;\n"), "b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\n")));
        assert!(script_matches_checksum("SELECT 1;\r\n", &checksum("SELECT 1;\n")), "CRLF checkout of an LF file");
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\r\n")), "LF checkout of a CRLF file");
        assert!(!script_matches_checksum("SELECT 2;\n", &checksum("SELECT 1;\n")));
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\n").to_uppercase()));
    }

    #[test]
    fn old_unpadded_checksums_still_match() {
        let digest = Sha256::digest(b"SELECT 1;\n");
        let old: String = digest.iter().map(|byte| format!("{byte:x}")).collect();
        assert_ne!(old.len(), 64);
        assert!(script_matches_checksum("SELECT 1;\n", &old));
    }

    #[test]
    fn text_comparison_agrees_with_checksums() {
        let cases = [
            ("a\nb\n", "a\nb\n"),
            ("a\r\nb\r\n", "a\nb\n"),
            ("a\nb\n", "a\r\nb\r\n"),
            ("a\nb\n", "a\nc\n"),
            ("a\r\nb\n", "a\nb\n"),
            ("a\r\nb\n", "a\r\nb\r\n"),
            ("", ""),
            ("a", "a\n"),
        ];
        for (script, recorded) in cases {
            assert_eq!(
                script_matches_text(script, recorded),
                script_matches_checksum(script, &checksum(recorded)),
                "{script:?} vs {recorded:?}"
            );
        }
    }

    #[test]
    fn the_first_changed_line_is_found() {
        let span = first_changed_line("a\nB\nc\n", "a\nb\nc\n");
        assert_eq!(span, Span::new(2, 3));
        assert_eq!(first_changed_line("a\r\nb\r\n", "a\nb\nc\n"), Span::new(6, 6));
        assert_eq!(first_changed_line("a\nb\nnew\n", "a\nb\n"), Span::new(4, 7));
    }
}
