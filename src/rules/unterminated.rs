//! `unterminated`: a string, quoted identifier, dollar-quoted body or comment never closed.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::source::Span;
use crate::syntax::lexer::Kind;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "unterminated",
        category: Category::Parse,
        severity: Severity::Medium,
        summary: "A string, quoted identifier, `$$` body or comment is never closed.",
        why: "Everything after the opening quote or comment is swallowed: PostgreSQL rejects the migration, or worse, runs it with the following statements hidden inside the literal.",
        instead: "Close the literal or comment where it was meant to end.",
        bad: "UPDATE \"User\" SET \"name\" = 'O''Brien WHERE \"id\" = 1;",
        good: "UPDATE \"User\" SET \"name\" = 'O''Brien' WHERE \"id\" = 1;",
    },
    check: Check::Script(check),
};

fn check(script: &Script) -> Vec<Draft> {
    let mut found = Vec::new();
    for token in &script.analysis.unterminated {
        let what = match token.kind {
            Kind::String => "string literal",
            Kind::QuotedIdent => "quoted identifier",
            Kind::DollarString { .. } => "dollar-quoted body",
            _ => "block comment",
        };
        // The opening delimiter: `'`, `E'`, `U&"`, `$tag$`, `/*` (all ASCII, so the span ends on a
        // char boundary whatever follows).
        let text = token.text(script.sql);
        let opening_len = match token.kind {
            Kind::DollarString { delimiter } => delimiter as usize,
            Kind::String | Kind::QuotedIdent => text.find(['\'', '"']).map_or(1, |quote| quote + 1),
            _ => 2.min(text.len()),
        };
        found.push(Draft {
            rule: &RULE.meta,
            span: Span::new(token.span.start, token.span.start + opening_len),
            message: format!("{what} opened here is never closed"),
            help: None,
        });
    }
    found
}
