//! `naming-unexpected-file`: a migration folder holds files Prisma does not use.

use crate::context::folder::Folder;
use crate::context::input::Migration;
use crate::context::name::NamingOptions;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Placed, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-unexpected-file",
        category: Category::Naming,
        severity: Severity::Low,
        summary: "A migration folder holds a file other than `migration.sql` (and the allowed extras).",
        why: "Prisma runs only `migration.sql`. A second SQL file (`fix.sql`, `migration2.sql`) is never applied, though whoever added it believes it was; other files are usually leftovers. Hidden files (`.DS_Store`, `.gitkeep`) are ignored.",
        instead: "Move the SQL into `migration.sql` (or a new migration), and delete leftovers. Files that belong there on purpose go in the `allowedFiles` naming option (default: `down.sql`, `README.md`).",
        bad: "20251208120000_add_user_verification_fields/ holding `migration.sql` and `fix.sql`",
        good: "20251208120000_add_user_verification_fields/ holding `migration.sql` and `down.sql`",
    },
    check: Check::Folder(check),
};

fn check<'a>(folder: &Folder<'a>) -> Vec<Placed<'a>> {
    let mut found = Vec::new();
    for (index, migration) in folder.migrations.iter().enumerate() {
        if folder.in_scope(index) {
            found.extend(
                unexpected(migration, folder.opts).into_iter().map(|draft| Placed::folder(&migration.name, draft)),
            );
        }
    }
    found
}

fn unexpected(migration: &Migration, opts: &NamingOptions) -> Vec<Draft> {
    let Some(files) = &migration.files else { return Vec::new() };
    files
        .iter()
        .filter(|file| {
            file.as_str() != "migration.sql"
                && !file.starts_with('.')
                && !opts.allowed_files.iter().any(|allowed| allowed == *file)
        })
        .map(|file| {
            let note = if file.ends_with(".sql") { ": Prisma never runs it" } else { "" };
            Draft {
                rule: &RULE.meta,
                span: Span::new(0, migration.name.len()),
                message: format!("`{}/{file}` is not part of a Prisma migration{note}", migration.name),
                help: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(files: &[&str]) -> Vec<String> {
        let migration = Migration {
            name: "20251208120000_add_x".into(),
            sql: Some(String::new()),
            files: Some(files.iter().map(|f| f.to_string()).collect()),
        };
        unexpected(&migration, &NamingOptions::default()).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn examples() {
        assert_eq!(
            messages(&["migration.sql", "fix.sql"]),
            ["`20251208120000_add_x/fix.sql` is not part of a Prisma migration: Prisma never runs it"]
        );
        assert!(messages(&["migration.sql", "down.sql"]).is_empty());
    }

    #[test]
    fn hidden_files_and_unknown_listings_are_ignored() {
        assert!(messages(&["migration.sql", ".DS_Store", ".gitkeep"]).is_empty());
        assert_eq!(messages(&["migration.sql", "notes.txt"]).len(), 1);
        let unknown = Migration { name: "x".into(), files: None, ..Migration::default() };
        assert!(unexpected(&unknown, &NamingOptions::default()).is_empty());
    }
}
