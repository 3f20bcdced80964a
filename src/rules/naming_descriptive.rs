//! `naming-descriptive`: the description says what changed, concisely.

use crate::context::name::{NameSubject, VAGUE_WORDS};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-descriptive",
        category: Category::Naming,
        severity: Severity::Low,
        summary: "The description is missing, vague (a verb alone, `update_schema`), or longer than the limit.",
        why: "The folder name is what reviewers, `prisma migrate status` and deploy logs show. `update` or `fix_schema` says nothing about what changed, and an overlong name is cut off in listings and hard to type in `prisma migrate resolve`.",
        instead: "Name the object and the change: `add_user_verification_fields`, `drop_legacy_sessions_table`. Keep it under the `maxLength` naming option (60 characters by default).",
        bad: "20251208120000_update_schema",
        good: "20251208120000_add_user_verification_fields",
    },
    check: Check::Name(check),
};

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let name = &subject.name;
    let words = &name.words;
    let draft =
        |span: Span, message: String| Some(Draft { rule: &RULE.meta, span, message, help: subject.suggestion_help() });
    if words.is_empty() {
        if name.digits.end == 0 {
            return None; // an empty name: the timestamp rule reports it
        }
        return draft(Span::new(0, name.text.len()), format!("`{}` has no description after its timestamp", name.text));
    }
    let description = name.description_str();
    let max = subject.opts.max_length;
    let length = description.chars().count();
    if length > max {
        let cut = description.char_indices().nth(max).map_or(description.len(), |(at, _)| at);
        let span = Span::new(name.description.start + cut, name.text.len());
        return draft(span, format!("the description is {length} characters long, over the limit of {max}"));
    }
    if subject.is_initial() {
        return None;
    }
    let vague = words.iter().all(|w| subject.opts.is_verb(&w.text) || VAGUE_WORDS.contains(&w.text.as_str()));
    let has_verb = subject.opts.is_verb(&words[0].text);
    if vague && (has_verb || words.len() > 1) {
        let what = if words.len() == 1 {
            format!("`{description}` says what kind of change this is, not what changed")
        } else {
            format!("`{description}` does not say which table, column or type changed")
        };
        return draft(name.description_span(), what);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::name::{NameContext, NamingOptions};
    use crate::rules::testing::{findings_for, NOW};
    use crate::validate_name;

    fn found(name: &str) -> Vec<crate::finding::Finding> {
        findings_for(RULE.meta.id, name, &NameContext { now: Some(NOW), first: Some(false), ..Default::default() })
    }

    #[test]
    fn a_verb_alone_or_filler_words_are_vague() {
        assert_eq!(
            found("20251208120000_update")[0].message,
            "`update` says what kind of change this is, not what changed"
        );
        assert_eq!(found("20251208120000_fix_db").len(), 1);
        assert_eq!(found("20251208120000_add_models").len(), 1);
        assert!(found("20251208120000_fix_order_index").is_empty());
        // A lone noun is the verb rule's concern, not a vague description.
        assert!(found("16_boards").is_empty());
    }

    #[test]
    fn init_alone_is_fine_for_the_first_migration_only() {
        let first = NameContext { first: Some(true), ..Default::default() };
        assert!(findings_for(RULE.meta.id, "20230329205933_init", &first).is_empty());
        assert_eq!(found("20230329205933_init").len(), 1);
        assert!(findings_for(RULE.meta.id, "20210604190809_initial_migration", &first).is_empty());
        assert_eq!(found("20210604190809_initial_migration").len(), 1);
    }

    #[test]
    fn a_missing_description_is_reported() {
        let finding = &found("20251208120000")[0];
        assert_eq!(finding.message, "`20251208120000` has no description after its timestamp");
        assert!(found("20251208120000_").len() == 1);
    }

    #[test]
    fn too_long_underlines_what_is_over_the_limit() {
        let description = "add_a_very_long_description_that_goes_on_and_on_past_the_limit_of_sixty";
        let name = format!("20251208120000_{description}");
        let finding = &found(&name)[0];
        assert_eq!(
            finding.message,
            format!("the description is {} characters long, over the limit of 60", description.len())
        );
        assert_eq!((finding.start, finding.end), (15 + 60, name.len()));
        let opts = NamingOptions { max_length: 100, ..NamingOptions::default() };
        assert!(validate_name(&name, &opts, &NameContext::default()).iter().all(|f| f.rule != RULE.meta.id));
    }
}
