//! `enum-value-used-in-transaction`: a value added to an enum is used later in the same migration.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::actions::ActionKind;
use crate::syntax::lexer::{tokenize_range, Kind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "enum-value-used-in-transaction",
        category: Category::Safety,
        severity: Severity::High,
        summary: "A value added with ALTER TYPE ... ADD VALUE is used later in the same migration: the deploy fails.",
        why: "Prisma runs a migration.sql as one transaction, and PostgreSQL refuses to use an enum value added in the same transaction before it commits (\"unsafe use of new value\", SQLSTATE 55P04): as a default, in a cast, an INSERT, an UPDATE or a check.",
        instead: "Add the value in one migration and use it (defaults, backfills, data) in the next one.",
        bad: "ALTER TYPE \"Role\" ADD VALUE 'OWNER';\nUPDATE \"User\" SET \"role\" = 'OWNER' WHERE \"id\" = '1';",
        good: "ALTER TYPE \"Role\" ADD VALUE 'OWNER';",
    },
    check: Check::Script(check),
};

fn check(script: &Script) -> Vec<Draft> {
    let statements = &script.analysis.statements;
    let mut found = Vec::new();
    for action in &script.analysis.actions {
        let ActionKind::AddEnumValue { name, value } = &action.kind else { continue };
        let Some(added) = statements.iter().position(|s| s.span == action.statement) else { continue };
        for statement in &statements[added + 1..] {
            let tokens: Vec<_> =
                tokenize_range(script.sql, statement.span).into_iter().filter(|t| !t.is_comment()).collect();
            if tokens.first().is_some_and(|t| t.is(script.sql, "COMMIT") || t.is(script.sql, "END")) {
                break; // a new transaction starts after an explicit COMMIT
            }
            let adds_value = tokens.iter().any(|t| t.is(script.sql, "ADD")) && tokens.iter().any(|t| t.is(script.sql, "VALUE"));
            if adds_value {
                continue;
            }
            let uses = tokens.iter().find(|t| t.kind == Kind::String && !t.unterminated && literal(t.text(script.sql)) == *value);
            if let Some(token) = uses {
                found.push(Draft {
                    rule: &RULE.meta,
                    span: token.span,
                    message: format!(
                        "uses `{value}`, added to enum `{name}` earlier in this migration: PostgreSQL refuses it before the value is committed"
                    ),
                    help: None,
                });
                break;
            }
        }
    }
    found
}

/// The value of a plain `'...'` literal.
fn literal(text: &str) -> String {
    text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).map(|t| t.replace("''", "'")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn after_a_commit_the_value_is_usable() {
        let sql = "BEGIN;\nALTER TYPE \"R\" ADD VALUE 'X';\nCOMMIT;\nUPDATE \"U\" SET \"r\" = 'X';";
        assert!(findings_of(RULE.meta.id, sql).is_empty());
    }

    #[test]
    fn other_values_are_fine() {
        let sql = "ALTER TYPE \"R\" ADD VALUE 'X';\nALTER TYPE \"R\" ADD VALUE 'Y' AFTER 'X';\nUPDATE \"U\" SET \"r\" = 'Z';";
        assert!(findings_of(RULE.meta.id, sql).is_empty());
    }
}
