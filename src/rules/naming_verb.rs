//! `naming-verb`: the description starts with a verb from the configured list.

use crate::context::name::{NameSubject, NamingOptions};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-verb",
        category: Category::Naming,
        severity: Severity::Low,
        summary: "The description does not start with a verb saying what the migration does (`init` only for the first).",
        why: "A leading verb (`add_`, `drop_`, `rename_`) lets a reviewer scan the history for what changed, and makes destructive steps stand out in a folder listing. `init` marks the first migration; later ones named `init` hide what they do.",
        instead: "Start the description with an imperative verb from the list (add, create, remove, drop, rename, update, alter, change, make, set, backfill, migrate, ...); extend the list with the `extraVerbs` naming option.",
        bad: "20231124104640_infra_config",
        good: "20231124104640_add_infra_config",
    },
    check: Check::Name(check),
};

/// Verbs that name only the very first migration.
const FIRST_ONLY: &[&str] = &["init", "initialize"];

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let first_word = subject.name.words.first()?;
    let word = first_word.text.as_str();
    if subject.is_initial() {
        return None;
    }
    if subject.opts.is_verb(word) {
        if FIRST_ONLY.contains(&word) && subject.first == Some(false) {
            return Some(Draft {
                rule: &RULE.meta,
                span: first_word.span,
                message: format!("`{word}` is for the very first migration, and other migrations come before this one"),
                help: subject.suggestion_help(),
            });
        }
        return None;
    }
    let (message, help) = match imperative_of(word, subject.opts) {
        Some(verb) => {
            let rest: Vec<&str> = subject.name.words[1..].iter().map(|w| w.text.as_str()).collect();
            let description = std::iter::once(verb.as_str()).chain(rest).collect::<Vec<_>>().join("_");
            (
                format!("starts with `{word}`; write the verb in the imperative: `{verb}`"),
                Some(format!("Suggested name: `{}_{description}`.", subject.suggested_timestamp())),
            )
        }
        None => (
            format!("starts with `{word}`, which is not a verb from the list: say what the migration does (add, create, drop, rename, ...)"),
            subject.suggestion_help(),
        ),
    };
    Some(Draft { rule: &RULE.meta, span: first_word.span, message, help })
}

/// The listed verb that `word` inflects (`added` -> `add`, `removed` -> `remove`, `dropping` ->
/// `drop`, `modifies` -> `modify`), if any.
fn imperative_of(word: &str, opts: &NamingOptions) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    for suffix in ["ed", "ing", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            candidates.push(stem.to_string());
            candidates.push(format!("{stem}e"));
            if let Some(root) = stem.strip_suffix('i') {
                candidates.push(format!("{root}y"));
            }
            // A doubled final consonant: dropped, mapping.
            let bytes = stem.as_bytes();
            if bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
                candidates.push(stem[..stem.len() - 1].to_string());
            }
        }
    }
    if word == "made" {
        candidates.push("make".to_string());
    }
    candidates.into_iter().find(|candidate| candidate.len() >= 2 && opts.is_verb(candidate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::name::NameContext;
    use crate::rules::testing::{findings_for, NOW};
    use crate::validate_name;

    fn found(name: &str, first: Option<bool>) -> Vec<crate::finding::Finding> {
        findings_for(RULE.meta.id, name, &NameContext { now: Some(NOW), first, ..Default::default() })
    }

    #[test]
    fn inflected_verbs_get_their_imperative() {
        let finding = &found("20260801103609_removed_is_excluded_from_account", None)[0];
        assert_eq!(finding.message, "starts with `removed`; write the verb in the imperative: `remove`");
        assert_eq!((finding.start, finding.end), (15, 22));
        assert!(finding.help.starts_with("Suggested name: `20260801103609_remove_is_excluded_from_account`."));
        let imperative = |word: &str| imperative_of(word, &NamingOptions::default());
        assert_eq!(imperative("added").as_deref(), Some("add"));
        assert_eq!(imperative("adds").as_deref(), Some("add"));
        assert_eq!(imperative("changed").as_deref(), Some("change"));
        assert_eq!(imperative("dropped").as_deref(), Some("drop"));
        assert_eq!(imperative("modifies").as_deref(), Some("modify"));
        assert_eq!(imperative("fixes").as_deref(), Some("fix"));
        assert_eq!(imperative("creating").as_deref(), Some("create"));
        assert_eq!(imperative("made").as_deref(), Some("make"));
        assert_eq!(imperative("embeds"), None);
        assert_eq!(imperative("boards"), None);
    }

    #[test]
    fn init_is_only_for_the_first_migration() {
        assert!(found("20230406064219_init", Some(true)).is_empty());
        assert!(found("20230406064219_init", None).is_empty());
        let finding = &found("20240406064219_init_billing", Some(false))[0];
        assert!(finding.message.starts_with("`init` is for the very first migration"));
        assert!(found("20210604190809_initial_migration", Some(true)).is_empty());
        assert_eq!(found("20210604190809_initial_migration", Some(false)).len(), 1);
    }

    #[test]
    fn the_verb_list_is_configurable() {
        let ctx = NameContext::default();
        let name = "20231124104640_infra_config";
        let opts = NamingOptions { extra_verbs: vec!["infra".into()], ..NamingOptions::default() };
        assert!(validate_name(name, &opts, &ctx).iter().all(|f| f.rule != RULE.meta.id));
        let opts = NamingOptions { verbs: vec!["create".into()], ..NamingOptions::default() };
        assert!(validate_name("20231124104640_add_x", &opts, &ctx).iter().any(|f| f.rule == RULE.meta.id));
    }

    #[test]
    fn camel_case_names_are_read_word_by_word() {
        assert!(found("202310122339_AddColumnToLink", None).is_empty());
        assert_eq!(found("202310122339_NewColumnInLinkTable", None).len(), 1);
    }
}
