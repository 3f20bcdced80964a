//! `naming-timestamp`: the folder name must start with a real UTC `YYYYMMDDHHMMSS_` timestamp.

use crate::context::name::{NameSubject, Timestamp};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-timestamp",
        category: Category::Naming,
        severity: Severity::Medium,
        summary: "The folder name does not start with a real `YYYYMMDDHHMMSS_` UTC timestamp.",
        why: "Prisma applies migrations in the order of their folder names. Without a 14-digit timestamp the name alone decides where a migration runs: `skillpod_b2b_enterprise` sorts after every timestamped folder (letters sort after digits), and `01_init` or `20241231_add_x` sort by their characters, not by when they were written. An impossible date (month 13, February 30, hour 25) shows the name was typed by hand, and its place in the order is a guess.",
        instead: "Let `prisma migrate dev --create-only` name new migrations. A folder not yet deployed can be renamed to the UTC time it was written, `_`, and its description. A deployed migration keeps its name (Prisma identifies applied migrations by folder name): follow the convention from the next one on.",
        bad: "skillpod_b2b_enterprise",
        good: "20251208120000_add_user_verification_fields",
    },
    check: Check::Name(check),
};

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let name = &subject.name;
    let digits = name.digits_str();
    let whole = Span::new(0, name.text.len());
    let (span, message) = if digits.is_empty() {
        let place = match name.text.chars().next() {
            None => return Some(draft(whole, "the migration name is empty".to_string(), None)),
            Some(first) if first.is_alphabetic() => "after every timestamped migration (letters sort after digits)",
            Some(_) => "before every timestamped migration",
        };
        (whole, format!("`{}` has no timestamp: Prisma sorts it {place}", name.text))
    } else if digits.len() != 14 {
        let message = format!(
            "the timestamp `{digits}` has {} digits, not the 14 of YYYYMMDDHHMMSS: Prisma sorts it by its characters, not by time",
            digits.len()
        );
        (name.digits, message)
    } else {
        match Timestamp::parse(digits) {
            Err(problem) => (problem.span, format!("`{digits}` is not a real date and time: {}", problem.message)),
            Ok(_) => match name.text[14..].chars().next() {
                Some(next) if next != '_' => {
                    (Span::new(14, 14 + next.len_utf8()), "the timestamp must be followed by `_`".to_string())
                }
                _ => return None,
            },
        }
    };
    Some(draft(span, message, subject.retimed_help()))
}

fn draft(span: Span, message: String, help: Option<String>) -> Draft {
    Draft { rule: &RULE.meta, span, message, help }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str) -> Vec<crate::finding::Finding> {
        crate::rules::testing::found(RULE.meta.id, name)
    }

    #[test]
    fn a_missing_timestamp_says_where_prisma_puts_the_folder() {
        let finding = &found("skillpod_b2b_enterprise")[0];
        assert!(finding.message.contains("after every timestamped migration"), "{}", finding.message);
        assert_eq!((finding.start, finding.end), (0, 23));
        assert!(
            finding.help.starts_with("Suggested name: `20251208160000_skillpod_b2b_enterprise`."),
            "{}",
            finding.help
        );
        assert!(found("_hotfix")[0].message.contains("before every timestamped"));
        assert_eq!(found("")[0].message, "the migration name is empty");
    }

    #[test]
    fn short_prefixes_are_reported_with_their_digit_count() {
        let finding = &found("202310311254_NewColumnInLinkTable")[0];
        assert!(finding.message.contains("has 12 digits"));
        assert_eq!((finding.start, finding.end), (0, 12));
        // The padded digits keep the folder's place in time.
        assert!(finding.help.contains("`20231031125400_new_column_in_link_table`"), "{}", finding.help);
        assert!(found("01_init")[0].message.contains("has 2 digits"));
        assert!(found("20241231_add_dataroom_allow_bulk_download")[0].message.contains("has 8 digits"));
    }

    #[test]
    fn impossible_dates_point_at_the_bad_field() {
        let finding = &found("20251308120000_add_x")[0];
        assert_eq!(finding.message, "`20251308120000` is not a real date and time: month 13 does not exist");
        assert_eq!((finding.start, finding.end, finding.column), (4, 6, 5));
        assert_eq!(found("20250230120000_add_x")[0].start, 6);
        assert_eq!(found("20251208250000_add_x")[0].start, 8);
        assert!(found("20240229120000_add_x").is_empty(), "2024 is a leap year");
        assert_eq!(found("20250229120000_add_x").len(), 1, "2025 is not");
    }

    #[test]
    fn round_times_are_real_times() {
        assert!(found("20260102000000_add_moat_features").is_empty());
    }

    #[test]
    fn the_timestamp_must_be_followed_by_an_underscore() {
        let finding = &found("20251208120000-add-x")[0];
        assert_eq!((finding.start, finding.end), (14, 15));
        assert!(found("20251208120000").is_empty(), "no description is the descriptive rule's concern");
    }
}
