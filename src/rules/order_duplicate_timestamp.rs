//! `order-duplicate-timestamp`: two migration folders share a timestamp.

use std::collections::HashMap;

use crate::context::folder::Folder;
use crate::context::name::next_timestamp;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-duplicate-timestamp",
        category: Category::Order,
        severity: Severity::Medium,
        summary: "Two migration folders have the same timestamp.",
        why: "With equal timestamps Prisma orders the two folders by the rest of their names, not by when they were written, so a migration can run before the one it builds on. It usually means two developers generated migrations in the same second, or timestamps were typed by hand (`...000000`).",
        instead: "Give the later migration (if it is not deployed yet) a timestamp after the other one, e.g. one second later, so the order is explicit.",
        bad: "20251208120000_add_user_email and 20251208120000_add_user_phone",
        good: "20251208120000_add_user_email and 20251208120001_add_user_phone",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    let mut found = Vec::new();
    for &index in &p.order {
        let name = &p.names[index];
        let Some(timestamp) = name.timestamp() else { continue };
        let Some(&earlier) = first_with.get(name.digits_str()) else {
            first_with.insert(name.digits_str(), index);
            continue;
        };
        if !(p.in_scope(index) || p.in_scope(earlier)) {
            continue;
        }
        let (later_name, earlier_name) = (&p.migrations[index].name, &p.migrations[earlier].name);
        let help = name
            .snake_description()
            .map(|description| format!("Suggested name: `{}_{description}`.", next_timestamp(Some(timestamp), None)));
        let draft = Draft {
            rule: &RULE.meta,
            span: name.digits,
            message: format!(
                "`{later_name}` has the same timestamp as `{earlier_name}`: Prisma runs `{earlier_name}` first because of the rest of its name, not because it was written first"
            ),
            help,
        };
        found.push(Placed::folder(later_name, draft));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::HistoryInput;
    use crate::rules::testing::{migration, of};
    use crate::verify_order;

    fn report(names: &[&str]) -> crate::finding::Report {
        verify_order(&HistoryInput {
            migrations: names.iter().map(|n| migration(n, "")).collect(),
            ..HistoryInput::default()
        })
    }

    #[test]
    fn examples() {
        let bad: Vec<&str> = RULE.meta.bad.split(" and ").collect();
        let bad_report = report(&bad);
        let found = of(&bad_report, RULE.meta.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, "20251208120000_add_user_phone");
        assert_eq!((found[0].start, found[0].end), (0, 14));
        assert!(found[0].help.starts_with("Suggested name: `20251208120001_add_user_phone`."));
        let good: Vec<&str> = RULE.meta.good.split(" and ").collect();
        assert!(of(&report(&good), RULE.meta.id).is_empty());
    }

    #[test]
    fn invalid_or_missing_timestamps_are_not_compared() {
        assert!(of(&report(&["skillpod_a", "skillpod_b", "01_init", "01_add"]), RULE.meta.id).is_empty());
        assert!(of(&report(&["20251308120000_a", "20251308120000_b"]), RULE.meta.id).is_empty());
    }

    #[test]
    fn three_of_a_kind_name_the_first() {
        let report = report(&["20251208120000_c", "20251208120000_a", "20251208120000_b"]);
        let messages: Vec<&str> = of(&report, RULE.meta.id).iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages.iter().all(|m| m.contains("as `20251208120000_a`")));
    }
}
