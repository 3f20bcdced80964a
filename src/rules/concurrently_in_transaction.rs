//! `concurrently-in-transaction`: a statement that cannot run in a transaction block, in a file
//! Prisma sends as one.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::lexer::Token;

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

/// What the statement is, when it cannot run inside a transaction block.
fn refuses_transaction(sql: &str, tokens: &[Token]) -> Option<&'static str> {
    let word = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.is(sql, w));
    let has = |w: &str| tokens.iter().any(|t| t.is(sql, w));
    if word(0, "CREATE") && (word(1, "INDEX") || (word(1, "UNIQUE") && word(2, "INDEX"))) && has("CONCURRENTLY") {
        Some("CREATE INDEX CONCURRENTLY")
    } else if word(0, "DROP") && word(1, "INDEX") && word(2, "CONCURRENTLY") {
        Some("DROP INDEX CONCURRENTLY")
    } else if word(0, "REINDEX") && has("CONCURRENTLY") {
        Some("REINDEX CONCURRENTLY")
    } else if word(0, "VACUUM") {
        Some("VACUUM")
    } else if (word(0, "CREATE") || word(0, "DROP")) && (word(1, "DATABASE") || word(1, "TABLESPACE")) {
        Some(if word(1, "DATABASE") { "CREATE/DROP DATABASE" } else { "CREATE/DROP TABLESPACE" })
    } else if word(0, "ALTER") && word(1, "SYSTEM") {
        Some("ALTER SYSTEM")
    } else {
        None
    }
}

fn check(script: &Script) -> Vec<Draft> {
    let statements = &script.analysis.statements;
    let mut found = Vec::new();
    for statement in statements {
        // Most statements are ruled out by their first words, without collecting their tokens.
        let mut words = script.tokens_in(statement.span);
        let (first, second) = (words.next(), words.next());
        let is = |t: Option<&Token>, w: &str| t.is_some_and(|t| t.is(script.sql, w));
        let maybe = is(first, "VACUUM")
            || (is(first, "ALTER") && is(second, "SYSTEM"))
            || ((is(first, "CREATE") || is(first, "DROP")) && ["INDEX", "UNIQUE", "DATABASE", "TABLESPACE"].iter().any(|w| is(second, w)))
            || is(first, "REINDEX");
        if !maybe {
            continue;
        }
        let tokens: Vec<Token> = script.tokens_in(statement.span).copied().collect();
        let Some(what) = refuses_transaction(script.sql, &tokens) else { continue };
        if statements.len() > 1 {
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
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn alone_in_its_file_it_runs() {
        assert!(findings_of(RULE.meta.id, "-- a comment\nCREATE INDEX CONCURRENTLY \"i\" ON \"T\"(\"a\");\n").is_empty());
        assert!(findings_of(RULE.meta.id, "DROP INDEX CONCURRENTLY IF EXISTS \"i\";").is_empty());
    }

    #[test]
    fn begin_and_commit_around_it_make_it_fail_too() {
        let found = findings_of(RULE.meta.id, "BEGIN;\nCREATE INDEX CONCURRENTLY \"i\" ON \"T\"(\"a\");\nCOMMIT;");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
    }
}
