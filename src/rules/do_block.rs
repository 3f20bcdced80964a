//! `do-block`: a `DO` block, whose PL/pgSQL body was scanned, not parsed.

use crate::finding::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

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
    check: Check::Engine,
};
