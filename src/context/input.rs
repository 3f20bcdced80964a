//! What the caller hands in about a migrations folder: its migrations (names, texts, files), the
//! lock file, the base branch's migrations and the time. Plain data, read by the JS side from the
//! file system and git; nothing here does I/O.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::context::texts;

/// One migration folder as found in the working tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Migration {
    /// The folder name.
    pub name: String,
    /// The text of its `migration.sql`; `None` when the file is missing.
    #[serde(default, deserialize_with = "texts::sql")]
    pub sql: Option<String>,
    /// Every entry of the folder (including `migration.sql`), when listed; `None` skips the
    /// unexpected-file rule.
    #[serde(default)]
    pub files: Option<Vec<String>>,
}

/// A migration as it is in a git commit of the base branch. With neither `sql` nor `checksum`
/// its script is not compared: the caller knows it is unchanged (js/git.mjs sends texts only for
/// the scripts `git diff` reports), or it is known by name only (the base's tip).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaseMigration {
    pub name: String,
    /// Prisma's checksum of its `migration.sql` (hex sha256), when the text is not given.
    #[serde(default)]
    pub checksum: Option<String>,
    /// The text of its `migration.sql`.
    #[serde(default, deserialize_with = "texts::sql")]
    pub sql: Option<String>,
}

/// The base branch: its migrations where this branch forked, and at its tip.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Base {
    /// How messages name the base (`origin/main`); "the base branch" when absent.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    /// The merge-base commit (a full or abbreviated hash), for the summary to name.
    #[serde(default)]
    pub commit: Option<String>,
    /// The migrations at the merge-base of this branch and the base.
    pub merge_base: Vec<BaseMigration>,
    /// The migrations at the base's tip; `None` when the same as at the merge-base.
    #[serde(default)]
    pub base_head: Option<Vec<BaseMigration>>,
}

/// A migrations folder and, optionally, its base branch: the input of every function here.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryInput {
    /// How findings name the migrations folder (`prisma/migrations`): files become
    /// `<dir>/<name>`; without it, findings name files from the migration folder down.
    #[serde(default)]
    pub dir: Option<String>,
    pub migrations: Vec<Migration>,
    /// The text of `migration_lock.toml`; `None` when the file is missing.
    #[serde(default)]
    pub lock: Option<String>,
    #[serde(default)]
    pub base: Option<Base>,
    /// The current time as unix seconds (Rust on wasm has no clock); `None` skips the
    /// future-timestamp rule.
    #[serde(default)]
    pub now: Option<i64>,
    /// With a base, check names and order of every migration, not only those new on this branch.
    #[serde(default)]
    pub all: bool,
    /// The newest migration of the deployed history (the config's `baseline`): it and every
    /// migration that sorts before it are not checked for SQL and names again (`all` overrides).
    #[serde(default)]
    pub baseline: Option<String>,
    /// A base that was asked for by default but is not available, and why ("origin/main from the
    /// config's \"base\" is not available"): the summary says every migration was checked.
    #[serde(default)]
    pub skipped_base: Option<String>,
}

impl HistoryInput {
    /// How findings name a path inside the migrations folder (a migration folder, its
    /// `migration.sql`, the lock file): `<dir>/<path>`, or `path` itself without a dir. Every
    /// finding about the folder, SQL or history, is named through here.
    /// A dir of `.` (the migrations folder is the current one) adds nothing.
    pub fn path(&self, path: &str) -> String {
        match self.dir.as_deref().map(|dir| dir.trim_end_matches('/')) {
            Some(dir) if !dir.is_empty() && dir != "." => format!("{dir}/{path}"),
            _ => path.to_string(),
        }
    }

    /// How findings name a migration's SQL file: `<dir>/<name>/migration.sql`.
    pub fn sql_file(&self, name: &str) -> String {
        self.path(&format!("{name}/migration.sql"))
    }

    /// For each migration, whether it is new on this branch: in neither the base's merge-base nor
    /// its tip. Without a base every migration is new.
    pub fn new_on_branch(&self) -> Vec<bool> {
        let Some(base) = &self.base else { return vec![true; self.migrations.len()] };
        let known: HashSet<&str> =
            base.merge_base.iter().chain(base.base_head.iter().flatten()).map(|m| m.name.as_str()).collect();
        self.migrations.iter().map(|m| !known.contains(m.name.as_str())).collect()
    }

    /// For each migration, whether it is at or before the baseline (Prisma's order is the names'
    /// byte order).
    pub fn in_baseline(&self) -> Vec<bool> {
        let baseline = self.baseline.as_deref();
        self.migrations.iter().map(|m| baseline.is_some_and(|b| m.name.as_str() <= b)).collect()
    }

    /// For each migration, whether it is deployed history: on the base branch, or at or before
    /// the baseline. An approval of such a migration goes in the config: a comment would change
    /// the checksum Prisma keeps.
    pub fn deployed(&self) -> Vec<bool> {
        let new = self.new_on_branch();
        self.in_baseline().into_iter().zip(new).map(|(old, new)| old || !new).collect()
    }

    /// For each migration, whether findings about its name and SQL are reported: with a base or a
    /// baseline, only for migrations that are not deployed history (deployed ones cannot be
    /// renamed, and their drops ran long ago), unless `all` is set.
    pub fn in_scope(&self) -> Vec<bool> {
        if self.all {
            vec![true; self.migrations.len()]
        } else {
            self.deployed().into_iter().map(|deployed| !deployed).collect()
        }
    }
}

/// One name to check from JS (`validateName(name, options)`): the SQL, if given, lets the table
/// rule and the suggested name use what the migration does.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NameInput {
    pub name: String,
    /// The text of its `migration.sql`.
    #[serde(default)]
    pub sql: Option<String>,
    #[serde(default)]
    pub now: Option<i64>,
    #[serde(default)]
    pub first: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_deserializes_from_the_js_shape_and_rejects_typos() {
        let json = r#"{
            "migrations": [{"name": "20250101000000_init", "sql": "CREATE TABLE a (id int);", "files": ["migration.sql"]}],
            "lock": "provider = \"postgresql\"",
            "base": {"ref": "origin/main", "mergeBase": [{"name": "20250101000000_init", "checksum": "ab"}], "baseHead": []},
            "now": 1765209600,
            "all": true
        }"#;
        let input: HistoryInput = serde_json::from_str(json).unwrap();
        assert_eq!(input.base.as_ref().unwrap().reference.as_deref(), Some("origin/main"));
        let error =
            serde_json::from_str::<HistoryInput>(r#"{"migrations": [{"name": "x", "content": ""}]}"#).unwrap_err();
        assert!(error.to_string().contains("unknown field `content`"), "{error}");
    }

    #[test]
    fn paths_are_named_under_the_dir() {
        let input = |dir: Option<&str>| HistoryInput { dir: dir.map(str::to_string), ..HistoryInput::default() };
        assert_eq!(input(Some("prisma/migrations/")).sql_file("m"), "prisma/migrations/m/migration.sql");
        assert_eq!(input(Some(".")).path("m"), "m");
        assert_eq!(input(None).path("migration_lock.toml"), "migration_lock.toml");
    }
}
