//! `naming-future-timestamp`: the folder's timestamp is later than now (beyond a tolerance).

use crate::context::name::{NameSubject, Timestamp};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-future-timestamp",
        category: Category::Naming,
        severity: Severity::Medium,
        summary: "The folder's timestamp is in the future.",
        why: "Prisma names folders with the current UTC time; a future one was typed by hand or written in local time. Every migration generated before that moment sorts before it, so teammates' later work is applied earlier than this one on fresh databases, and the order differs from the order production saw.",
        instead: "Rename the folder (before it is deployed) to the current UTC time, or recreate it with `prisma migrate dev --create-only`. The allowed clock skew is the `futureToleranceMinutes` naming option (default 5).",
        bad: "20991231235959_add_user_verification_fields",
        good: "20251208120000_add_user_verification_fields",
    },
    check: Check::Name(check),
};

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let now = subject.now?;
    let timestamp = subject.name.timestamp()?;
    let ahead = timestamp.unix_seconds().saturating_sub(now);
    if ahead <= subject.opts.future_tolerance_minutes.saturating_mul(60) {
        return None;
    }
    let now_stamp = Timestamp::from_unix(now);
    let help =
        subject.name.snake_description().map(|description| format!("Suggested name: `{now_stamp}_{description}`."));
    Some(Draft {
        rule: &RULE.meta,
        span: subject.name.digits,
        message: format!(
            "the timestamp `{timestamp}` ({}) is {} in the future (now is {})",
            timestamp.readable(),
            duration(ahead),
            now_stamp.readable()
        ),
        help,
    })
}

/// `3 days`, `5 hours`, `12 minutes`, `40 seconds`: the largest whole unit.
fn duration(seconds: i64) -> String {
    let (amount, unit) = match seconds {
        s if s >= 2 * 86_400 => (s / 86_400, "days"),
        s if s >= 2 * 3600 => (s / 3600, "hours"),
        s if s >= 2 * 60 => (s / 60, "minutes"),
        s => (s, "seconds"),
    };
    format!("{amount} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::name::{NameContext, NamingOptions};
    use crate::rules::testing::{findings_for, NOW};
    use crate::validate_name;

    fn found(name: &str, now: Option<i64>) -> Vec<crate::finding::Finding> {
        findings_for(RULE.meta.id, name, &NameContext { now, ..Default::default() })
    }

    #[test]
    fn the_tolerance_absorbs_clock_skew() {
        // NOW is 2025-12-08 16:00:00 UTC; the default tolerance is 5 minutes.
        assert!(found("20251208160500_add_x", Some(NOW)).is_empty());
        let finding = &found("20251208160501_add_x", Some(NOW))[0];
        assert_eq!(
            finding.message,
            "the timestamp `20251208160501` (2025-12-08 16:05:01 UTC) is 5 minutes in the future (now is 2025-12-08 16:00:00 UTC)"
        );
        assert_eq!((finding.start, finding.end), (0, 14));
        assert!(finding.help.starts_with("Suggested name: `20251208160000_add_x`."));
        let strict = NamingOptions { future_tolerance_minutes: 0, ..NamingOptions::default() };
        let ctx = NameContext { now: Some(NOW), ..Default::default() };
        assert_eq!(validate_name("20251208160001_add_x", &strict, &ctx).len(), 1);
    }

    #[test]
    fn local_time_written_as_utc_is_hours_ahead() {
        assert!(found("20251208180000_add_x", Some(NOW))[0].message.contains("is 2 hours in the future"));
        assert!(found("20251208160700_add_x", Some(NOW))[0].message.contains("is 7 minutes in the future"));
        let strict = NamingOptions { future_tolerance_minutes: 0, ..NamingOptions::default() };
        let ctx = NameContext { now: Some(NOW), ..Default::default() };
        assert!(validate_name("20251208160059_add_x", &strict, &ctx)[0]
            .message
            .contains("is 59 seconds in the future"));
        assert!(found("20261208160000_add_x", Some(NOW))[0].message.contains("365 days"));
    }

    #[test]
    fn without_a_clock_or_a_valid_timestamp_nothing_is_reported() {
        assert!(found("20991231235959_add_x", None).is_empty());
        assert!(found("20991331235959_add_x", Some(NOW)).is_empty());
    }
}
