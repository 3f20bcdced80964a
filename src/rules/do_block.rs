//! `do-block`: a `DO` block, whose PL/pgSQL body was scanned, not parsed.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::analysis::Reading;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "do-block",
        category: Category::Parse,
        severity: Severity::Low,
        summary: "A DO block: its PL/pgSQL body runs at migration time and was only scanned.",
        why: "The SQL parser does not read PL/pgSQL. The body's statements (and `EXECUTE '...'` strings) were scanned for destructive changes, but conditions, loops and dynamically built SQL can do more than a scan sees.",
        instead: "Review the body by hand; prefer plain SQL statements, which are fully checked.",
        bad: "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role') THEN CREATE TYPE \"Role\" AS ENUM ('USER'); END IF; END $$;",
        good: "CREATE TYPE \"Role\" AS ENUM ('USER');",
    },
    check: Check::Script(check),
};

fn check(script: &Script) -> Vec<Draft> {
    let statements = script.analysis.statements.iter().filter(|s| s.reading == Reading::DoBlock);
    statements
        .map(|statement| Draft {
            rule: &RULE.meta,
            span: statement.span,
            message: format!("DO block: its PL/pgSQL body was scanned, not parsed: {}", script.scanned_note(statement)),
            help: None,
        })
        .collect()
}
