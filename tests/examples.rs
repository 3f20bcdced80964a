//! The bundled example folder (`examples/prisma/migrations`): exactly these findings, at these lines.
//! Comments and strings that mention DROP TABLE / DELETE FROM / DROP COLUMN must not fire.

use std::fs;
use std::path::Path;

use migration_lint::check_sql;

fn findings(migration: &str) -> Vec<(String, u32, u32)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/prisma/migrations").join(migration).join("migration.sql");
    let sql = fs::read_to_string(&path).unwrap();
    check_sql(&sql, migration).findings.into_iter().map(|f| (f.rule, f.line, f.column)).collect()
}

fn expect(migration: &str, expected: &[(&str, u32, u32)]) {
    let expected: Vec<(String, u32, u32)> = expected.iter().map(|(r, l, c)| (r.to_string(), *l, *c)).collect();
    assert_eq!(findings(migration), expected, "{migration}");
}

#[test]
fn safe_migrations_have_no_findings() {
    expect("20250110090000_init", &[]);
    expect("20250214103000_add_user_profile_fields", &[]);
    expect("20250302141500_create_audit_logs_table", &[]);
    expect("20250318120000_add_index_posts_published_at", &[]);
}

#[test]
fn destructive_cleanup_is_reported_clause_by_clause() {
    expect(
        "20250405163000_drop_legacy_user_columns",
        &[
            ("drop-index", 10, 1),
            ("drop-column", 13, 29),
            ("drop-column", 14, 1),
            ("drop-table", 17, 1),
            ("delete-rows", 20, 1),
        ],
    );
}

#[test]
fn type_change_and_rename() {
    expect("20250420110000_change_invoice_amount_type", &[("alter-column-type", 2, 23), ("rename-column", 5, 23)]);
}
