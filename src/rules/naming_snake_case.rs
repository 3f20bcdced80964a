//! `naming-snake-case`: the description must be snake_case.

use crate::context::name::NameSubject;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};
use crate::text::list;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-snake-case",
        category: Category::Naming,
        severity: Severity::Low,
        summary: "The description is not snake_case (lowercase letters, digits and single underscores).",
        why: "Prisma writes `--name` as given, so mixed styles creep in (`NewColumnInLinkTable`, `add-user-index`). One style keeps the history searchable and sortable by eye, and avoids folders that differ only in case, which collide on macOS and Windows checkouts.",
        instead: "Use lowercase words joined by single underscores, e.g. `prisma migrate dev --name add_user_verification_fields`.",
        bad: "202310122339_NewColumnInLinkTable",
        good: "20231012233900_add_column_to_link_table",
    },
    check: Check::Name(check),
};

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let name = &subject.name;
    let description = name.description_str();
    if description.is_empty() {
        return None;
    }
    let mut problems: Vec<&str> = Vec::new();
    let mut note = |problem: &'static str, present: bool| {
        if present && !problems.contains(&problem) {
            problems.push(problem);
        }
    };
    note("uppercase letters", description.chars().any(char::is_uppercase));
    note("hyphens", description.contains('-'));
    note("spaces", description.contains(' '));
    note(
        "characters other than a-z, 0-9 and _",
        description
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c.is_uppercase() || c == '_' || c == '-' || c == ' ')),
    );
    note("doubled underscores", description.contains("__"));
    note("a leading or trailing underscore", description.starts_with('_') || description.ends_with('_'));
    if problems.is_empty() {
        return None;
    }
    Some(Draft {
        rule: &RULE.meta,
        span: name.description,
        message: format!("`{description}` is not snake_case: it has {}", list(&problems, usize::MAX)),
        help: subject.retimed_help(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str) -> Vec<crate::finding::Finding> {
        crate::rules::testing::found(RULE.meta.id, name)
    }

    #[test]
    fn camel_case_gets_a_snake_case_suggestion() {
        let finding = &found("202310311254_NewColumnEnableNotificationLinkTable")[0];
        assert_eq!(
            finding.message,
            "`NewColumnEnableNotificationLinkTable` is not snake_case: it has uppercase letters"
        );
        assert_eq!((finding.start, finding.end), (13, 49));
        assert!(
            finding.help.contains("`20231031125400_new_column_enable_notification_link_table`"),
            "{}",
            finding.help
        );
    }

    #[test]
    fn each_kind_of_problem_is_named() {
        assert!(found("20251208120000_add-user-index")[0].message.ends_with("it has hyphens"));
        assert!(found("20251208120000_add__user")[0].message.ends_with("doubled underscores"));
        assert!(found("20251208120000_add_user_")[0].message.ends_with("a leading or trailing underscore"));
        assert!(found("20251208120000_add user")[0].message.ends_with("spaces"));
        assert!(found("20251208120000_add_usér")[0].message.ends_with("characters other than a-z, 0-9 and _"));
        assert!(found("20251208120000_Add-User")[0].message.ends_with("uppercase letters and hyphens"));
    }

    #[test]
    fn snake_case_with_digits_passes() {
        assert!(found("20251208120000_add_oauth2_to_b2b_accounts").is_empty());
        assert!(found("skillpod_b2b_enterprise").is_empty());
        assert!(found("20251208120000").is_empty());
    }
}
