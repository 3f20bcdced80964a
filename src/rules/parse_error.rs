//! `parse-error`: a statement the SQL parser could not read; it was classified from its tokens only.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::source::Span;
use crate::syntax::analysis::Reading;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "parse-error",
        category: Category::Parse,
        severity: Severity::Low,
        summary: "A statement the SQL parser could not read; only the token scanner checked it.",
        why: "The destructive and safety rules still ran on the statement's tokens, but a scan can miss what only a full parse sees (nested clauses, unusual syntax). The statement may also be invalid SQL that fails on deploy.",
        instead: "Review the statement by hand. If it is valid PostgreSQL, the parser lacks support for it; if not, fix it (`prisma migrate dev` applies it to a shadow database).",
        bad: "ALTER SEQUENCE \"Invoice_number_seq\" OWNED BY \"Invoice\".\"number\";",
        good: "SELECT setval('\"Invoice_number_seq\"', 1000);",
    },
    check: Check::Script(check),
};

fn check(script: &Script) -> Vec<Draft> {
    let mut found = Vec::new();
    for statement in &script.analysis.statements {
        if let Reading::Scanned { error, at } = &statement.reading {
            found.push(Draft {
                rule: &RULE.meta,
                // Point at the statement, from where the parser gave up when it says so.
                span: Span::new((*at).clamp(statement.span.start, statement.span.end), statement.span.end),
                message: format!(
                    "the SQL parser could not read this statement ({error}); it was scanned only: {}",
                    script.scanned_note(statement)
                ),
                help: None,
            });
        }
    }
    found
}
