//! `enum-values-removed`: an enum loses values (Prisma's rebuild, or a drop and re-create).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::model::Key;
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::actions::{ActionKind, Ident, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "enum-values-removed",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "An enum loses values (Prisma's CREATE TYPE x_new ... DROP TYPE x_old rebuild, or a drop and re-create).",
        why: "Every row that holds a removed value makes the migration fail (the USING cast has nowhere to put it), and code or data that still uses the value breaks. The values are taken from the schema the earlier migrations built, so hand-written migrations without Prisma's warning are checked too.",
        instead: "Move the rows off the values first (an UPDATE in an earlier migration), check none remain, then remove the values; or keep them and stop using them.",
        bad: "CREATE TYPE \"Role_new\" AS ENUM ('USER');\nALTER TABLE \"User\" ALTER COLUMN \"role\" TYPE \"Role_new\" USING (\"role\"::text::\"Role_new\");\nALTER TYPE \"Role\" RENAME TO \"Role_old\";\nALTER TYPE \"Role_new\" RENAME TO \"Role\";\nDROP TYPE \"Role_old\";",
        good: "ALTER TYPE \"Role\" ADD VALUE 'OWNER';",
    },
    check: Check::Script(check),
};

fn check(script: &Script) -> Vec<Draft> {
    let Some(before) = script.before() else { return Vec::new() };
    let actions = &script.analysis.actions;
    // An enum loses values only where a type is renamed or dropped (a new name cannot replace one).
    let touches = actions.iter().any(|a| {
        matches!(a.kind, ActionKind::RenameType { .. } | ActionKind::DropObject { kind: ObjectKind::Type, .. })
    });
    if !touches {
        return Vec::new();
    }
    // Only the types the migration names (and renames to) can change: compared as they were before
    // it and as its replay leaves them.
    let mut named: Vec<Key> = Vec::new();
    for action in actions {
        let keys = match &action.kind {
            ActionKind::RenameType { name, to } => vec![Key::of_name(name), Key::of_name(name).sibling_named(to)],
            ActionKind::DropObject { kind: ObjectKind::Type, name, .. } | ActionKind::CreateType { name } => {
                vec![Key::of_name(name)]
            }
            _ => continue,
        };
        for key in keys {
            if !named.contains(&key) {
                named.push(key);
            }
        }
    }
    let renamed_values = renamed_values(script);
    let mut found = Vec::new();
    for key in &named {
        let (Some(old), Some(new)) = (
            before.user_type(key).and_then(|t| t.values.as_ref()),
            before.after().types.get(key).and_then(|t| t.values.as_ref()),
        ) else {
            continue;
        };
        let lost: Vec<&String> = old
            .iter()
            .filter(|v| !new.contains(v) && !renamed_values.iter().any(|&(t, r)| t.is(&key.name) && r == v.as_str()))
            .collect();
        if lost.is_empty() {
            continue;
        }
        // Where the enum gets its new values: the rename of the rebuilt copy, else its CREATE TYPE.
        let at = actions
            .iter()
            .find(|a| matches!(&a.kind, ActionKind::RenameType { to, .. } if to.is(&key.name)))
            .or_else(|| {
                actions.iter().find(|a| matches!(&a.kind, ActionKind::CreateType { name } if name.name.is(&key.name)))
            })
            .or_else(|| actions.iter().find(|a| matches!(&a.kind, ActionKind::CreateType { .. })));
        let Some(at) = at else { continue };
        let list = lost.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        found.push(Draft {
            rule: &RULE.meta,
            span: at.statement,
            message: format!(
                "enum `{key}` loses {} {list}: rows holding {} make the migration fail",
                if lost.len() == 1 { "value" } else { "values" },
                if lost.len() == 1 { "it" } else { "them" }
            ),
            help: None,
        });
    }
    found
}

/// `ALTER TYPE t RENAME VALUE 'a' TO 'b'` keeps the rows (they hold `b` now): (type, `a`).
fn renamed_values<'s>(script: &Script<'s>) -> Vec<(&'s Ident, &'s str)> {
    script
        .analysis
        .actions
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::RenameEnumValue { name, from, .. } => Some((&name.name, from.as_str())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::in_history;

    const CREATE: &str = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST');\nCREATE TABLE \"User\" (\"role\" \"Role\" NOT NULL DEFAULT 'USER');";

    #[test]
    fn prisma_s_rebuild_names_the_values_lost_and_nothing_else_fires() {
        let rebuild = RULE.meta.bad.replace("('USER')", "('USER', 'ADMIN')");
        let found = in_history(RULE.meta.id, &[CREATE], &rebuild, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "enum `Role` loses value `GUEST`: rows holding it make the migration fail");
        assert_eq!(found[0].line, 4, "at the rename that gives the enum its new values");
        for other in ["alter-column-type", "drop-type"] {
            assert!(in_history(other, &[CREATE], &rebuild, false).is_empty(), "{other}");
        }
    }

    #[test]
    fn a_rebuild_that_loses_nothing_or_a_renamed_value_is_not_reported() {
        let grows = RULE.meta.bad.replace("('USER')", "('USER', 'ADMIN', 'GUEST', 'OWNER')");
        assert!(in_history(RULE.meta.id, &[CREATE], &grows, false).is_empty());
        assert!(in_history(RULE.meta.id, &[CREATE], "ALTER TYPE \"Role\" RENAME VALUE 'GUEST' TO 'VISITOR';", false)
            .is_empty());
        // A value renamed before a rebuild that keeps it under its new name: the rows keep it.
        let renamed = format!(
            "ALTER TYPE public.\"Role\" RENAME VALUE 'GUEST' TO 'VISITOR';\n{}",
            RULE.meta.bad.replace("('USER')", "('USER', 'ADMIN', 'VISITOR')")
        );
        assert!(in_history(RULE.meta.id, &[CREATE], &renamed, false).is_empty());
        // Read the same way where the parser cannot read the statement (the token scanner).
        let actions = crate::syntax::analyze_with(&renamed, crate::syntax::Reader::Scanner).actions;
        assert!(actions.iter().any(
            |a| matches!(&a.kind, ActionKind::RenameEnumValue { from, to, .. } if from == "GUEST" && to == "VISITOR")
        ));
        let renamed_and_dropped = format!(
            "ALTER TYPE \"Role\" RENAME VALUE 'GUEST' TO 'VISITOR';\n{}",
            RULE.meta.bad.replace("('USER')", "('USER', 'VISITOR')")
        );
        let found = in_history(RULE.meta.id, &[CREATE], &renamed_and_dropped, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "enum `Role` loses value `ADMIN`: rows holding it make the migration fail");
    }

    #[test]
    fn a_statement_postgresql_refuses_after_the_rebuild_leaves_it_reported() {
        // Once the refused statement is fixed, the rebuild runs: its checks judge the file as
        // written, though the replay undoes it.
        let rebuild = RULE.meta.bad.replace("('USER')", "('USER', 'ADMIN')");
        for refused in ["ALTER TABLE \"Missing\" ADD COLUMN \"x\" TEXT;\n", ""] {
            let sql = format!("{rebuild}\n{refused}");
            assert_eq!(in_history(RULE.meta.id, &[CREATE], &sql, false).len(), 1, "{sql}");
            assert_eq!(in_history("unknown-object", &[CREATE], &sql, false).len(), usize::from(!refused.is_empty()));
        }
    }

    #[test]
    fn drop_and_recreate_loses_values_too() {
        let sql =
            "ALTER TABLE \"User\" DROP COLUMN \"role\";\nDROP TYPE \"Role\";\nCREATE TYPE \"Role\" AS ENUM ('USER');";
        let found = in_history(RULE.meta.id, &[CREATE], sql, false);
        assert_eq!(
            found[0].message,
            "enum `Role` loses values `ADMIN`, `GUEST`: rows holding them make the migration fail"
        );
    }
}
