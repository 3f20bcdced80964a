//! `enum-value-used-in-transaction`: a value added to an enum is used later in the same migration.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::actions::{ActionKind, Name};

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
    let added: Vec<(&Name, &String, usize)> = script
        .analysis
        .actions
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::AddEnumValue { name, value } => Some((name, value, a.statement.start)),
            _ => None,
        })
        .collect();
    let Some(&(_, _, first)) = added.first() else { return Vec::new() };
    let mut found = Vec::new();
    // Values added in the transaction so far (an explicit COMMIT ends it), each reported once.
    let mut open: Vec<(&Name, &String)> = Vec::new();
    for statement in script.analysis.statements.iter().filter(|s| s.span.start >= first) {
        let mut tokens = script.tokens_in(statement.span).peekable();
        if tokens.peek().is_some_and(|t| t.is(script.sql, "COMMIT") || t.is(script.sql, "END")) {
            open.clear();
            continue;
        }
        let before = open.len();
        open.extend(
            added.iter().filter(|(_, _, start)| *start == statement.span.start).map(|(name, value, _)| (*name, *value)),
        );
        if open.len() > before {
            continue;
        }
        for (token, text) in tokens.filter_map(|t| Some((t, t.string_value(script.sql)?))) {
            if let Some(i) = open.iter().position(|(_, value)| **value == text) {
                let (name, value) = open.remove(i);
                found.push(Draft {
                    rule: &RULE.meta,
                    span: token.span,
                    message: format!(
                        "uses `{value}`, added to enum `{name}` earlier in this migration: PostgreSQL refuses it before the value is committed"
                    ),
                    help: None,
                });
            }
        }
    }
    found
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
        let sql =
            "ALTER TYPE \"R\" ADD VALUE 'X';\nALTER TYPE \"R\" ADD VALUE 'Y' AFTER 'X';\nUPDATE \"U\" SET \"r\" = 'Z';";
        assert!(findings_of(RULE.meta.id, sql).is_empty());
    }
}
