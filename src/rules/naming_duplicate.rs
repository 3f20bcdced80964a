//! `naming-duplicate`: two migrations with the same description, or names equal but for case.

use std::collections::HashMap;

use crate::context::folder::Folder;
use crate::context::name::ParsedName;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Placed, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-duplicate",
        category: Category::Naming,
        severity: Severity::Medium,
        summary: "Two migrations share a description, or their names differ only in case.",
        why: "Folders that differ only in case are one folder on macOS and Windows checkouts: one `migration.sql` silently replaces the other. A repeated description (`fix_order_index` twice) does not break Prisma, which keys migrations by the full folder name, but reviewers, `prisma migrate resolve` and deploy logs can no longer tell the two apart. Medium, not high: only the case collision loses a file, and it is rare.",
        instead: "Give the later migration a description that says how it differs (`fix_order_index_for_requests`). Rename only folders that are not deployed yet.",
        bad: "20250818154928_fix_order_index, then 20251202154928_fix_order_index",
        good: "20250818154928_fix_order_index, then 20251202154928_make_order_index_unique",
    },
    check: Check::Folder(check),
};

/// Report each name whose description (or whole name, ignoring case) repeats an earlier one in
/// Prisma's order. Returns the index of the repeating name with its draft.
fn check<'a>(folder: &Folder<'a>) -> Vec<Placed<'a>> {
    duplicates(&folder.names, &folder.order)
        .into_iter()
        .filter(|(index, _)| folder.in_scope(*index))
        .map(|(index, draft)| Placed::folder(&folder.migrations[index].name, draft))
        .collect()
}

fn duplicates(names: &[ParsedName], order: &[usize]) -> Vec<(usize, Draft)> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_description: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    for &index in order {
        let Some(name) = names.get(index) else { continue };
        if let Some(&earlier) = by_name.get(&name.text.to_lowercase()) {
            let message = format!(
                "`{}` and `{}` differ only in case: on macOS and Windows checkouts they are one folder",
                names[earlier].text, name.text
            );
            found.push((index, Draft { rule: &RULE.meta, span: Span::new(0, name.text.len()), message, help: None }));
            continue;
        }
        by_name.insert(name.text.to_lowercase(), index);
        let Some(description) = name.snake_description() else { continue };
        if let Some(&earlier) = by_description.get(&description) {
            let message = format!("`{}` repeats the description of `{}`", name.text, names[earlier].text);
            found.push((index, Draft { rule: &RULE.meta, span: name.description_span(), message, help: None }));
        } else {
            by_description.insert(description, index);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(names: &[&str]) -> Vec<(usize, String)> {
        let parsed: Vec<ParsedName> = names.iter().map(|name| ParsedName::parse(name)).collect();
        let order: Vec<usize> = (0..names.len()).collect();
        duplicates(&parsed, &order).into_iter().map(|(index, draft)| (index, draft.message)).collect()
    }

    #[test]
    fn examples() {
        let bad: Vec<&str> = RULE.meta.bad.split(", then ").collect();
        assert_eq!(
            messages(&bad),
            vec![(
                1,
                "`20251202154928_fix_order_index` repeats the description of `20250818154928_fix_order_index`"
                    .to_string()
            )]
        );
        let good: Vec<&str> = RULE.meta.good.split(", then ").collect();
        assert!(messages(&good).is_empty());
    }

    #[test]
    fn descriptions_compare_as_snake_case() {
        assert_eq!(messages(&["20250101000000_addUser", "20250102000000_add_user"]).len(), 1);
        assert!(messages(&["20250101000000_add_user", "20250102000000_add_users"]).is_empty());
    }

    #[test]
    fn names_equal_but_for_case_collide() {
        let found = messages(&["20250101000000_add_user", "20250101000000_Add_User"]);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("differ only in case"));
    }

    #[test]
    fn the_later_in_prisma_order_is_reported() {
        let parsed: Vec<ParsedName> =
            ["20250102000000_add_user", "20250101000000_add_user"].iter().map(|n| ParsedName::parse(n)).collect();
        let found = duplicates(&parsed, &[1, 0]);
        assert_eq!(found[0].0, 0);
    }
}
