//! `lock-timeout-missing`: A strong lock on an existing table, taken with no `lock_timeout` set.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ConstraintKind, Name, ObjectKind};
use crate::syntax::lexer::Kind;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "lock-timeout-missing",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Locks a table that already exists (ACCESS EXCLUSIVE or SHARE) without setting lock_timeout first.",
        why: "The statement waits for its lock behind every query already running on the table (a long \
              report, an idle transaction), and while it waits, every new query on the table waits behind \
              it: a change that takes milliseconds stops the application for as long as the slowest \
              query. Without `lock_timeout` it waits for ever.",
        instead: "Start the migration with `SET lock_timeout = '5s';`: Prisma runs the file in one \
                  transaction, so it holds for every statement after it. A deploy that cannot get the lock \
                  then fails cleanly after 5 s, changes nothing, and can be retried.",
        bad: "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;",
        good: "SET lock_timeout = '5s';\nALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;",
    },
    check: Check::Script(check),
};

/// The lock `action` takes on its table, and the table, when it is a strong one (one that makes
/// ordinary reads or writes wait).
fn strong_lock<'a>(action: &'a Action, script: &Script<'a>) -> Option<(&'static str, Name)> {
    use ActionKind::*;
    let mode = match &action.kind {
        CreateIndex { concurrently: false, .. } => "SHARE",
        AddConstraint { kind: ConstraintKind::ForeignKey, .. } => "SHARE ROW EXCLUSIVE",
        AlterColumnType { .. }
        | AddColumn { .. }
        | DropColumn { .. }
        | SetNotNull { .. }
        | DropNotNull { .. }
        | SetDefault { .. }
        | AddConstraint { .. }
        | DropConstraint { .. }
        | RenameTable { .. }
        | RenameColumn { .. }
        | DropTable { .. }
        | Truncate { .. } => "ACCESS EXCLUSIVE",
        // A plain DROP INDEX locks the index's table; the schema before the migration knows it.
        DropObject { kind: ObjectKind::Index, name, .. }
            if !script.sql[action.statement.start..action.statement.end]
                .to_ascii_uppercase()
                .contains("CONCURRENTLY") =>
        {
            let index = script.index_before(name)?;
            return Some(("ACCESS EXCLUSIVE", index.table.to_name()));
        }
        _ => return None,
    };
    Some((mode, action.kind.table()?.clone()))
}

/// Whether a statement before `at` sets a `lock_timeout` other than 0 (`SET [LOCAL|SESSION]
/// lock_timeout = ...` or `TO`).
fn sets_lock_timeout_before(script: &Script, at: usize) -> bool {
    script.analysis.statements.iter().take_while(|s| s.span.start < at).any(|statement| {
        let tokens: Vec<_> = script.tokens_in(statement.span).take(6).collect();
        let mut i = 0;
        if !tokens.get(i).is_some_and(|t| t.is(script.sql, "SET")) {
            return false;
        }
        i += 1;
        if tokens.get(i).is_some_and(|t| t.is(script.sql, "LOCAL") || t.is(script.sql, "SESSION")) {
            i += 1;
        }
        if !tokens.get(i).is_some_and(|t| t.is(script.sql, "lock_timeout")) {
            return false;
        }
        i += 1;
        if tokens.get(i).is_some_and(|t| t.is_punct('=') || t.is(script.sql, "TO")) {
            i += 1;
        }
        // `0` (or '0') turns the timeout off.
        tokens.get(i).is_some_and(|value| {
            let text = value.text(script.sql).trim_matches('\'');
            let zero = matches!(value.kind, Kind::Number | Kind::String) && text.trim_start_matches('0').is_empty();
            !zero && !value.is(script.sql, "DEFAULT")
        })
    })
}

/// One finding per migration, at its first such statement: the fix is one line at the top. Only
/// where the schema model knows the table existed before the migration (a folder's history): SQL
/// checked on its own is not told which tables hold rows, and saying it of every `ALTER TABLE`
/// would be noise.
fn check(script: &Script) -> Vec<Draft> {
    if script.before().is_none() {
        return Vec::new();
    }
    let locking: Vec<(&Action, &'static str, Name)> = script
        .analysis
        .actions
        .iter()
        .filter_map(|action| {
            let (mode, table) = strong_lock(action, script)?;
            script.is_existing_table(&table).then_some((action, mode, table))
        })
        .filter(|(action, ..)| !sets_lock_timeout_before(script, action.statement.start))
        .collect();
    let Some(&(first, mode, ref table)) = locking.first() else { return Vec::new() };
    // Statements, not actions: one ALTER TABLE of three clauses is one statement.
    let others = locking
        .iter()
        .map(|(action, ..)| action.statement.start)
        .filter(|&start| start != first.statement.start)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let more = match others {
        0 => String::new(),
        1 => "; 1 more statement of this migration locks an existing table".to_string(),
        n => format!("; {n} more statements of this migration lock existing tables"),
    };
    vec![Draft {
        rule: &RULE.meta,
        span: first.span,
        message: format!(
            "takes {mode} on existing table `{table}` with no `lock_timeout` set before it: queued behind a long \
             query, it makes every query on `{table}` wait{more}"
        ),
        help: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings_of, in_history};

    const EARLIER: &str = r#"CREATE TABLE "User" ("id" TEXT PRIMARY KEY, "email" TEXT, "x" TEXT); CREATE INDEX "User_email_idx" ON "User"("email"); CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "x" TEXT, "title" TEXT);"#;

    fn found(sql: &str) -> Vec<crate::finding::Finding> {
        in_history(RULE.meta.id, &[EARLIER], sql, false)
    }

    #[test]
    fn one_finding_per_migration_at_the_first_strong_lock() {
        let found = found(
            "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;\nCREATE INDEX \"User_bio_idx\" ON \"User\"(\"bio\");\nALTER TABLE \"Post\" DROP COLUMN \"x\";",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 1);
        assert!(found[0].message.contains("takes ACCESS EXCLUSIVE on existing table `User`"), "{}", found[0].message);
        assert!(
            found[0].message.ends_with("; 2 more statements of this migration lock existing tables"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_lock_timeout_set_first_in_any_spelling_is_enough_and_zero_is_none() {
        for set in ["SET lock_timeout = '5s';", "SET LOCAL lock_timeout TO 5000;", "set session LOCK_TIMEOUT = '2s';"] {
            assert!(found(&format!("{set}\nALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;")).is_empty(), "{set}");
        }
        for off in ["SET lock_timeout = 0;", "SET lock_timeout = '0';", "SET lock_timeout TO DEFAULT;"] {
            assert_eq!(found(&format!("{off}\nALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;")).len(), 1, "{off}");
        }
        // Set after the statement: too late for it.
        let late = found("ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;\nSET lock_timeout = '5s';\nALTER TABLE \"User\" DROP COLUMN \"x\";");
        assert_eq!(late.len(), 1);
        assert!(!late[0].message.contains("more statement"), "{}", late[0].message);
    }

    #[test]
    fn new_tables_weak_locks_and_concurrent_builds_are_not_reported() {
        for sql in [
            "CREATE TABLE \"Team\" (\"id\" TEXT PRIMARY KEY);\nALTER TABLE \"Team\" ADD COLUMN \"name\" TEXT;\nCREATE INDEX \"Team_name_idx\" ON \"Team\"(\"name\");",
            "CREATE INDEX CONCURRENTLY \"User_bio_idx\" ON \"User\"(\"email\");",
            "INSERT INTO \"User\" (\"id\") VALUES ('1');",
            "UPDATE \"User\" SET \"email\" = '' WHERE \"email\" IS NULL;",
        ] {
            assert!(found(sql).is_empty(), "{sql}");
        }
    }

    #[test]
    fn drop_index_locks_its_table_and_only_deployed_tables_count() {
        let dropped = found(r#"DROP INDEX "User_email_idx";"#);
        assert_eq!(dropped.len(), 1);
        assert!(dropped[0].message.contains("existing table `public.User`"), "{}", dropped[0].message);
        assert!(found(r#"DROP INDEX CONCURRENTLY "User_email_idx";"#).is_empty());
        // Not deployed yet (new on this branch): empty, nothing waits.
        assert!(in_history(RULE.meta.id, &[EARLIER], r#"ALTER TABLE "User" ADD COLUMN "bio" TEXT;"#, true).is_empty());
    }

    #[test]
    fn sql_checked_on_its_own_is_not_told_which_tables_hold_rows() {
        assert!(findings_of(RULE.meta.id, "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT;").is_empty());
    }
}
