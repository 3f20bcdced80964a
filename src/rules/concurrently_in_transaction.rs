//! `concurrently-in-transaction`: a statement that cannot run in a transaction block, in a file
//! Prisma sends as one.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::analysis::Statement;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "concurrently-in-transaction",
        category: Category::Safety,
        severity: Severity::High,
        summary: "CONCURRENTLY (or another statement that refuses a transaction) in a migration with other statements: the deploy fails.",
        why: "Prisma sends a whole migration.sql as one query, which PostgreSQL runs as one transaction block when it holds more than one statement; CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM and the like refuse to run in one (SQLSTATE 25001), so the migration fails at deploy.",
        instead: "Put the statement alone in its own migration.sql (no other statement, no BEGIN/COMMIT), so it runs outside a transaction.",
        bad: "CREATE TABLE \"A\" (\"id\" TEXT);\nCREATE INDEX CONCURRENTLY \"B_x_idx\" ON \"B\"(\"x\");",
        good: "CREATE INDEX CONCURRENTLY \"B_x_idx\" ON \"B\"(\"x\");",
    },
    check: Check::Script(check),
};

/// What the statement is, when it cannot run inside a transaction block. Its first three words
/// are read once; the whole statement only for `CREATE INDEX` and `REINDEX`, to find `CONCURRENTLY`.
fn refuses_transaction(script: &Script, statement: &Statement) -> Option<&'static str> {
    let mut tokens = script.tokens_in(statement.span);
    let first = [tokens.next(), tokens.next(), tokens.next()];
    let word = |i: usize, w: &str| first[i].is_some_and(|t| t.is(script.sql, w));
    let has = |w: &str| script.tokens_in(statement.span).any(|t| t.is(script.sql, w));
    let create_or_drop = word(0, "CREATE") || word(0, "DROP");
    if create_or_drop && word(1, "DATABASE") {
        Some("CREATE/DROP DATABASE")
    } else if create_or_drop && word(1, "TABLESPACE") {
        Some("CREATE/DROP TABLESPACE")
    } else if word(0, "CREATE") && (word(1, "INDEX") || (word(1, "UNIQUE") && word(2, "INDEX"))) {
        has("CONCURRENTLY").then_some("CREATE INDEX CONCURRENTLY")
    } else if word(0, "DROP") && word(1, "INDEX") && word(2, "CONCURRENTLY") {
        Some("DROP INDEX CONCURRENTLY")
    } else if word(0, "REINDEX") && has("CONCURRENTLY") {
        Some("REINDEX CONCURRENTLY")
    } else if word(0, "VACUUM") {
        Some("VACUUM")
    } else if word(0, "ALTER") && word(1, "SYSTEM") {
        Some("ALTER SYSTEM")
    } else {
        None
    }
}

fn check(script: &Script) -> Vec<Draft> {
    let statements = &script.analysis.statements;
    // Alone in its file, any statement runs outside a transaction.
    if statements.len() < 2 {
        return Vec::new();
    }
    let mut found = Vec::new();
    for statement in statements {
        let Some(what) = refuses_transaction(script, statement) else { continue };
        found.push(Draft {
            rule: &RULE.meta,
            span: statement.span,
            message: format!(
                "{what} in a migration of {} statements: PostgreSQL runs them as one transaction, and {what} refuses to run in one",
                statements.len()
            ),
            help: None,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn alone_in_its_file_it_runs() {
        assert!(
            findings_of(RULE.meta.id, "-- a comment\nCREATE INDEX CONCURRENTLY \"i\" ON \"T\"(\"a\");\n").is_empty()
        );
        assert!(findings_of(RULE.meta.id, "DROP INDEX CONCURRENTLY IF EXISTS \"i\";").is_empty());
    }

    #[test]
    fn begin_and_commit_around_it_make_it_fail_too() {
        let found = findings_of(RULE.meta.id, "BEGIN;\nCREATE INDEX CONCURRENTLY \"i\" ON \"T\"(\"a\");\nCOMMIT;");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
    }
}
