//! Migration order and history: the order Prisma applies folders in, Prisma's checksums, and the
//! comparison of this branch's migrations with a base branch.
//!
//! Pure functions over plain data. The JS side reads the folder and git (`git merge-base`,
//! `git ls-tree`, `git show`) and passes names, texts and checksums in; nothing here does I/O.
//! Each rule's condition lives in its own file under `src/rules/order_*.rs` (and the folder-level
//! naming rules in `src/rules/naming_*.rs`); this module prepares what they share and runs them.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::actions::Action;
use crate::finding::{Draft, Finding, Report, Span};
use crate::naming::{self, NameContext, NamingOptions, ParsedName, Timestamp};
use crate::rules;
use crate::source::LineIndex;

// ---------------------------------------------------------------------------------------------
// Inputs

/// One migration folder as found in the working tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Migration {
    /// The folder name.
    pub name: String,
    /// The text of its `migration.sql`; `None` when the file is missing.
    #[serde(default)]
    pub sql: Option<String>,
    /// Every entry of the folder (including `migration.sql`), when listed; `None` skips the
    /// unexpected-file rule.
    #[serde(default)]
    pub files: Option<Vec<String>>,
    /// What the SQL does, when the caller has already analysed it (saves a second parse);
    /// computed from `sql` when `None`.
    #[serde(skip)]
    pub actions: Option<Vec<Action>>,
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
    #[serde(default)]
    pub sql: Option<String>,
}

/// The base branch: its migrations where this branch forked, and at its tip.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Base {
    /// How messages name the base (`origin/main`); "the base branch" when absent.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
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
}

// ---------------------------------------------------------------------------------------------
// Entry points

/// Naming and order checks over a migrations folder, sharing one analysis of each migration.
pub fn check_history(input: &HistoryInput, opts: &NamingOptions) -> Report {
    let prepared = Prepared::new(input);
    let mut findings = naming_findings(&prepared, opts);
    findings.extend(order_findings(&prepared));
    finish(Report { findings, ..Report::default() }, input)
}

/// The naming rules over a folder: each name, repeated names, the folders' files, the lock file.
pub fn validate_migrations(input: &HistoryInput, opts: &NamingOptions) -> Report {
    finish(Report { findings: naming_findings(&Prepared::new(input), opts), ..Report::default() }, input)
}

/// The order and history rules: duplicate timestamps, dependencies between folders, and with a
/// base, migrations that sort before the base's newest, edited or deleted migrations, a stale
/// branch and objects changed on both sides.
pub fn verify_order(input: &HistoryInput) -> Report {
    finish(Report { findings: order_findings(&Prepared::new(input)), ..Report::default() }, input)
}

/// Name files under `dir` when given, sort by file and position, and count.
fn finish(mut report: Report, input: &HistoryInput) -> Report {
    for finding in &mut report.findings {
        finding.file = input.path(&finding.file);
    }
    report.sort();
    report.tally();
    report
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

    /// For each migration, whether findings about its name and SQL are reported: with a base, only
    /// for migrations new on this branch (deployed ones cannot be renamed, and their drops ran
    /// long ago), unless `all` is set.
    pub fn in_scope(&self) -> Vec<bool> {
        if self.all {
            vec![true; self.migrations.len()]
        } else {
            self.new_on_branch()
        }
    }
}

fn naming_findings(p: &Prepared, opts: &NamingOptions) -> Vec<Finding> {
    let mut placed: Vec<Placed> = Vec::new();
    for (rank, &index) in p.order.iter().enumerate() {
        let migration = &p.migrations[index];
        if !p.in_scope(index) {
            continue;
        }
        let ctx = NameContext { now: p.now, actions: Some(&p.actions[index]), first: Some(rank == 0) };
        let findings = naming::validate_parsed(&p.names[index], opts, &ctx);
        placed.extend(findings.into_iter().map(Placed::Done));
        let folder = |draft| Placed::folder(&migration.name, draft);
        placed.extend(rules::naming_unexpected_file::check(migration, opts).into_iter().map(folder));
    }
    for (index, draft) in rules::naming_duplicate::check(&p.names, &p.order) {
        if p.in_scope(index) {
            placed.push(Placed::folder(&p.migrations[index].name, draft));
        }
    }
    if let Some(draft) = rules::naming_lock_file::check(p.lock) {
        placed.push(Placed::Text {
            file: rules::naming_lock_file::FILE.to_string(),
            text: p.lock.unwrap_or(""),
            draft,
        });
    }
    placed.into_iter().map(Placed::finding).collect()
}

fn order_findings(p: &Prepared) -> Vec<Finding> {
    let mut placed = Vec::new();
    placed.extend(rules::order_duplicate_timestamp::check(p));
    placed.extend(rules::order_dependency::check(p));
    if p.base.is_some() {
        placed.extend(rules::order_before_base::check(p));
        placed.extend(rules::order_edited::check(p));
        placed.extend(rules::order_deleted::check(p));
        placed.extend(rules::order_stale_branch::check(p));
        placed.extend(rules::order_branch_conflict::check(p));
    }
    placed.into_iter().map(Placed::finding).collect()
}

// ---------------------------------------------------------------------------------------------
// What the rules share

/// A migrations folder prepared once for all rules: Prisma's order, each migration's parsed name
/// and actions, and the base's migrations by name.
pub struct Prepared<'a> {
    pub migrations: &'a [Migration],
    pub names: Vec<ParsedName<'a>>,
    /// Indices into `migrations`, in the order Prisma applies them.
    pub order: Vec<usize>,
    /// What each migration's SQL does (empty when it has no `migration.sql`).
    pub actions: Vec<Cow<'a, [Action]>>,
    pub now: Option<i64>,
    pub lock: Option<&'a str>,
    pub base: Option<BaseView<'a>>,
    all: bool,
    /// By index into `migrations`: [`HistoryInput::new_on_branch`].
    new: Vec<bool>,
    by_name: HashMap<&'a str, usize>,
}

/// The base branch's migrations, by name.
pub struct BaseView<'a> {
    pub label: String,
    pub merge_base: &'a [BaseMigration],
    pub at_merge_base: HashMap<&'a str, &'a BaseMigration>,
    /// The migrations at the base's tip (the merge-base's when no tip was given).
    pub head: &'a [BaseMigration],
    pub at_head: HashMap<&'a str, &'a BaseMigration>,
}

impl<'a> Prepared<'a> {
    pub fn new(input: &'a HistoryInput) -> Prepared<'a> {
        let migrations = input.migrations.as_slice();
        let names: Vec<ParsedName> = migrations.iter().map(|m| ParsedName::parse(&m.name)).collect();
        let order = prisma_order(migrations.iter().map(|m| m.name.as_str()));
        let actions = migrations.iter().map(actions_of).collect();
        let by_name = migrations.iter().enumerate().map(|(index, m)| (m.name.as_str(), index)).collect();
        let base = input.base.as_ref().map(|base| {
            let head = base.base_head.as_deref().unwrap_or(&base.merge_base);
            let by_name = |list: &'a [BaseMigration]| list.iter().map(|m| (m.name.as_str(), m)).collect();
            BaseView {
                label: base.reference.clone().unwrap_or_else(|| "the base branch".to_string()),
                merge_base: &base.merge_base,
                at_merge_base: by_name(&base.merge_base),
                head,
                at_head: by_name(head),
            }
        });
        Prepared {
            migrations,
            names,
            order,
            actions,
            now: input.now,
            lock: input.lock.as_deref(),
            base,
            all: input.all,
            new: input.new_on_branch(),
            by_name,
        }
    }

    /// Whether the migration is new on this branch: in neither the merge-base nor the base's tip.
    /// Without a base every migration counts as new.
    pub fn is_new(&self, index: usize) -> bool {
        self.new.get(index).copied().unwrap_or(true)
    }

    /// Whether findings about this migration are reported: with a base, only new migrations
    /// (deployed ones cannot be renamed), unless `all` was asked for.
    pub fn in_scope(&self, index: usize) -> bool {
        self.all || self.is_new(index)
    }

    /// The index of the migration named `name` in the working tree.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The migrations the base gained since the fork that this branch does not have, in Prisma's order.
    pub fn base_gained(&self) -> Vec<&'a BaseMigration> {
        let Some(base) = &self.base else { return Vec::new() };
        let mut gained: Vec<&BaseMigration> = base
            .head
            .iter()
            .filter(|m| !base.at_merge_base.contains_key(m.name.as_str()) && self.index_of(&m.name).is_none())
            .collect();
        gained.sort_by(|a, b| compare_names(&a.name, &b.name));
        gained
    }

    /// Indices of the migrations new on this branch, in Prisma's order.
    pub fn new_migrations(&self) -> Vec<usize> {
        self.order.iter().copied().filter(|&index| self.is_new(index)).collect()
    }
}

fn actions_of(migration: &Migration) -> Cow<'_, [Action]> {
    match (&migration.actions, &migration.sql) {
        (Some(actions), _) => Cow::Borrowed(actions.as_slice()),
        (None, Some(content)) => Cow::Owned(crate::sql::analyze(content).actions),
        (None, None) => Cow::Borrowed(&[]),
    }
}

/// A draft and the text its span is in, before it becomes a finding.
pub enum Placed<'a> {
    /// About a folder: `file` is the folder name, the span is in the name.
    Folder {
        name: &'a str,
        draft: Draft,
    },
    /// About a file's content: the span is in `text`.
    Text {
        file: String,
        text: &'a str,
        draft: Draft,
    },
    Done(Finding),
}

impl<'a> Placed<'a> {
    pub fn folder(name: &'a str, draft: Draft) -> Placed<'a> {
        Placed::Folder { name, draft }
    }

    /// About a migration's `migration.sql`: `file` is `<name>/migration.sql`.
    pub fn script(name: &str, content: &'a str, draft: Draft) -> Placed<'a> {
        Placed::Text { file: format!("{name}/migration.sql"), text: content, draft }
    }

    pub fn finding(self) -> Finding {
        match self {
            Placed::Folder { name, draft } => draft.locate(name, &LineIndex::new(name)),
            Placed::Text { file, text, draft } => draft.locate(&file, &LineIndex::new(text)),
            Placed::Done(finding) => finding,
        }
    }
}

/// `a`, `a and b`, `a, b and c`; after `max` items, `and N more`.
pub fn list<S: AsRef<str>>(items: &[S], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    let more = items.len().saturating_sub(max);
    match (shown.as_slice(), more) {
        ([], _) => String::new(),
        (shown, more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        ([one], _) => one.to_string(),
        ([rest @ .., last], _) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The first 14-digit timestamp after `after` (or now, or a placeholder), for renaming suggestions.
pub fn next_timestamp(after: Option<Timestamp>, now: Option<i64>) -> String {
    match (after, now) {
        (Some(after), Some(now)) => Timestamp::from_unix((after.unix_seconds() + 1).max(now)).to_string(),
        (Some(after), None) => Timestamp::from_unix(after.unix_seconds() + 1).to_string(),
        (None, Some(now)) => Timestamp::from_unix(now).to_string(),
        (None, None) => "YYYYMMDDHHMMSS".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Prisma's order

/// The order Prisma applies migration folders in: `a.localeCompare(b)` in Node (ICU's root
/// collation, as `listMigrations` in `@prisma/migrate` sorts), exact for names made of ASCII.
///
/// The collation compares in two passes. First by base letters, ignoring case, with every ASCII
/// symbol before every digit and every digit before every letter (so `_` < `-` < `0` < `a`,
/// unlike byte order where `-` < `0` < `A` < `_` < `a`). Only when that ties, by case, lowercase
/// first at the first difference. Control characters are ignored, as in ICU. Characters beyond
/// ASCII sort after all ASCII, by lowercase code point: ICU would place accented letters next to their base
/// letter, but Prisma's names are ASCII in practice. Where `localeCompare` says 0 (names equal
/// but for ignorable characters) the tie is broken by bytes, so the order is total.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    fn weights(text: &str) -> impl Iterator<Item = u32> + '_ {
        text.chars().map(primary_weight).filter(|&weight| weight != 0)
    }
    fn cases(text: &str) -> impl Iterator<Item = bool> + '_ {
        text.chars().filter(|&c| primary_weight(c) != 0).map(char::is_uppercase)
    }
    weights(a).cmp(weights(b)).then_with(|| cases(a).cmp(cases(b))).then_with(|| a.cmp(b))
}

/// Indices of `names` in Prisma's order.
pub fn prisma_order<'n>(names: impl Iterator<Item = &'n str>) -> Vec<usize> {
    let names: Vec<&str> = names.collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| compare_names(names[a], names[b]));
    order
}

/// Printable ASCII in ICU root collation order (as Node 20 with ICU 78 sorts it); each uppercase
/// letter follows its lowercase letter and shares its base weight.
const ASCII_ORDER: &[u8] =
    b" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

/// Base weight of each ASCII byte; 0 for control characters, which the collation ignores.
const PRIMARY: [u16; 128] = {
    let mut table = [0u16; 128];
    let mut weight = 0u16;
    let mut i = 0;
    while i < ASCII_ORDER.len() {
        let byte = ASCII_ORDER[i];
        if byte.is_ascii_uppercase() {
            table[byte as usize] = table[byte.to_ascii_lowercase() as usize];
        } else {
            weight += 1;
            table[byte as usize] = weight;
        }
        i += 1;
    }
    table
};

fn primary_weight(c: char) -> u32 {
    match u8::try_from(c) {
        Ok(byte) if byte < 128 => u32::from(PRIMARY[byte as usize]),
        // Case is a tie-breaker here too: `É` shares the base weight of `é`.
        _ => 1000 + u32::from(c.to_lowercase().next().unwrap_or(c)),
    }
}

// ---------------------------------------------------------------------------------------------
// Checksums

/// Prisma's checksum of a migration script: the hex sha256 of its text, as
/// `_prisma_migrations.checksum` holds it.
pub fn checksum(script: &str) -> String {
    Sha256::digest(script.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `script` matches a recorded checksum the way Prisma decides it: the script as is, with
/// CRLF turned into LF, or with LF turned into CRLF (git may switch line endings on checkout);
/// checksums recorded by old Prisma versions without zero padding are accepted too.
pub fn script_matches_checksum(script: &str, recorded: &str) -> bool {
    let recorded = recorded.trim().to_ascii_lowercase();
    let old_format = !recorded.is_empty() && recorded.len() != 64;
    let matches = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        let rendered: String = if old_format {
            digest.iter().map(|byte| format!("{byte:x}")).collect()
        } else {
            digest.iter().map(|byte| format!("{byte:02x}")).collect()
        };
        rendered == recorded
    };
    matches(script) || matches(&script.replace("\r\n", "\n")) || matches(&script.replace('\n', "\r\n"))
}

/// The same decision as [`script_matches_checksum`] when the recorded script's text is known,
/// without hashing.
pub fn script_matches_text(script: &str, recorded: &str) -> bool {
    script == recorded
        || (script.contains("\r\n") && script.replace("\r\n", "\n") == recorded)
        || (recorded.contains("\r\n") && script.replace('\n', "\r\n") == recorded)
}

/// The span of the first line of `current` that differs from `recorded` (line endings aside).
pub fn first_changed_line(current: &str, recorded: &str) -> Span {
    let mut offset = 0;
    let mut recorded_lines = recorded.split('\n');
    for line in current.split_inclusive('\n') {
        let text = line.trim_end_matches('\n').trim_end_matches('\r');
        match recorded_lines.next() {
            Some(old) if old.trim_end_matches('\r') == text => offset += line.len(),
            _ => return Span::new(offset, offset + text.len()),
        }
    }
    Span::new(current.len(), current.len())
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A migration with SQL.
    pub fn migration(name: &str, sql: &str) -> Migration {
        Migration { name: name.into(), sql: Some(sql.into()), files: None, actions: None }
    }

    /// A base migration with its text.
    pub fn base(name: &str, sql: &str) -> BaseMigration {
        BaseMigration { name: name.into(), checksum: None, sql: Some(sql.into()) }
    }

    /// The findings of rule `id` in `report`.
    pub fn of<'r>(report: &'r Report, id: &str) -> Vec<&'r Finding> {
        report.findings.iter().filter(|f| f.rule == id).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::testing::*;
    use super::*;

    /// `names.sort((a, b) => a.localeCompare(b))` in Node v20.20.2 (ICU 78.2, locale en-US),
    /// run once and pasted here: the expected order for the comparator.
    const NODE_SORTED: &[&str] = &[
        "_",
        "__",
        "__init",
        "_-",
        "_0",
        "_init",
        "-",
        "-_",
        "--",
        "-0",
        "-init",
        "0",
        "0_",
        "0-",
        "00",
        "01_init",
        "0a",
        "0A",
        "1_init",
        "10_add",
        "202310122339_NewColumnInLinkTable",
        "202310311254_NewColumnEnableNotificationLinkTable",
        "20231031125400_x",
        "20240101_a",
        "202401010000_a",
        "2024010100000",
        "2024010100000_init",
        "20240101000000",
        "20240101000000_add__user",
        "20240101000000_add_user",
        "20240101000000_add_User",
        "20240101000000_ADD_USER",
        "20240101000000_add_user_",
        "20240101000000_add_user2",
        "20240101000000_add_users",
        "20240101000000_add-user",
        "20240101000000_addUser",
        "20240101000000_AddUser",
        "20240101000000_init",
        "20240101000000_Init",
        "20240101000000-init",
        "20240101000000init",
        "20240101000001_a",
        "2024010100000a",
        "20240101000010_a",
        "20241231_add_dataroom_allow_bulk_download",
        "20241231000000_add_x",
        "20251208120000_add_user_verification_fields",
        "20251208130000_create_audit_logs_table",
        "20251208140000_add_index_jobs_status",
        "20251208150000_rename_column_user_name",
        "20251208160000_drop_legacy_sessions_table",
        "9",
        "9_add",
        "a",
        "A",
        "a_",
        "a_b",
        "a-",
        "a-b",
        "a0",
        "a9",
        "aa",
        "aA",
        "Aa",
        "AA",
        "ab",
        "aB",
        "Ab",
        "AB",
        "b",
        "B",
        "skillpod",
        "Skillpod_b2b",
        "skillpod_b2b_enterprise",
        "skillpod-b2b",
        "skillpodB2b",
        "x_1",
        "x_a",
        "x_A",
        "X_a",
        "x-1",
        "x-a",
        "x1",
        "xa",
        "z",
        "Z",
    ];

    #[test]
    fn the_comparator_sorts_like_node_locale_compare() {
        let mut names: Vec<&str> = NODE_SORTED.to_vec();
        names.reverse();
        names.rotate_left(17);
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(names, NODE_SORTED);
        for pair in NODE_SORTED.windows(2) {
            assert_eq!(compare_names(pair[0], pair[1]), Ordering::Less, "{pair:?}");
            assert_eq!(compare_names(pair[1], pair[0]), Ordering::Greater, "{pair:?}");
        }
        assert_eq!(compare_names("20240101000000_x", "20240101000000_x"), Ordering::Equal);
    }

    #[test]
    fn byte_order_would_differ_where_it_matters() {
        // Prisma applies the 8-digit name first; byte order (`0` < `_`) would apply it last.
        assert_eq!(compare_names("20241231_add_x", "20241231000000_add_y"), Ordering::Less);
        assert_eq!("20241231_add_x".cmp("20241231000000_add_y"), Ordering::Greater);
        // Case is only a tie-breaker.
        assert_eq!(compare_names("20240101000000_B", "20240101000000_a"), Ordering::Greater);
    }

    #[test]
    fn control_characters_are_ignored_and_non_ascii_never_panics() {
        // Node says 0 (the control character is ignorable); the tie is broken by bytes.
        assert_eq!(compare_names("a\u{1}b", "ab"), Ordering::Less);
        assert_eq!(compare_names("ab", "a\u{1}c"), Ordering::Less);
        assert_eq!(compare_names("zz", "é"), Ordering::Less);
        assert_eq!(compare_names("É", "é"), Ordering::Greater);
    }

    #[test]
    fn checksums_are_prisma_s() {
        // `printf 'SELECT 1;\n' | sha256sum`
        assert_eq!(checksum("SELECT 1;\n"), "b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\n")));
        assert!(script_matches_checksum("SELECT 1;\r\n", &checksum("SELECT 1;\n")), "CRLF checkout of an LF file");
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\r\n")), "LF checkout of a CRLF file");
        assert!(!script_matches_checksum("SELECT 2;\n", &checksum("SELECT 1;\n")));
        assert!(script_matches_checksum("SELECT 1;\n", &checksum("SELECT 1;\n").to_uppercase()));
    }

    #[test]
    fn old_unpadded_checksums_still_match() {
        let digest = Sha256::digest(b"SELECT 1;\n");
        let old: String = digest.iter().map(|byte| format!("{byte:x}")).collect();
        assert_ne!(old.len(), 64);
        assert!(script_matches_checksum("SELECT 1;\n", &old));
    }

    #[test]
    fn text_comparison_agrees_with_checksums() {
        let cases = [
            ("a\nb\n", "a\nb\n"),
            ("a\r\nb\r\n", "a\nb\n"),
            ("a\nb\n", "a\r\nb\r\n"),
            ("a\nb\n", "a\nc\n"),
            ("a\r\nb\n", "a\nb\n"),
            ("a\r\nb\n", "a\r\nb\r\n"),
            ("", ""),
            ("a", "a\n"),
        ];
        for (script, recorded) in cases {
            assert_eq!(
                script_matches_text(script, recorded),
                script_matches_checksum(script, &checksum(recorded)),
                "{script:?} vs {recorded:?}"
            );
        }
    }

    #[test]
    fn the_first_changed_line_is_found() {
        let span = first_changed_line("a\nB\nc\n", "a\nb\nc\n");
        assert_eq!(span, Span::new(2, 3));
        assert_eq!(first_changed_line("a\r\nb\r\n", "a\nb\nc\n"), Span::new(6, 6));
        assert_eq!(first_changed_line("a\nb\nnew\n", "a\nb\n"), Span::new(4, 7));
    }

    #[test]
    fn list_names_a_few_then_counts() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(list(&items[..1], 5), "a");
        assert_eq!(list(&items, 5), "a, b and c");
        assert_eq!(list(&items, 2), "a, b and 1 more");
    }

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
    fn a_clean_folder_has_no_findings() {
        let input = HistoryInput {
            migrations: vec![
                migration("20250101000000_init", "CREATE TABLE \"User\" (id int);"),
                migration("20250102000000_add_email_to_user", "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;"),
            ],
            lock: Some("provider = \"postgresql\"".into()),
            now: Some(crate::naming::testing::NOW),
            ..HistoryInput::default()
        };
        let report = check_history(&input, &NamingOptions::default());
        assert_eq!(report.findings, Vec::<Finding>::new());
    }

    #[test]
    fn with_a_base_only_new_migrations_are_named_unless_all() {
        let input = |all| HistoryInput {
            migrations: vec![migration("skillpod_b2b_enterprise", ""), migration("20250102000000_NewThing", "")],
            lock: Some("provider = \"postgresql\"".into()),
            base: Some(Base { merge_base: vec![base("skillpod_b2b_enterprise", "")], ..Base::default() }),
            all,
            ..HistoryInput::default()
        };
        let files = |report: Report| report.findings.into_iter().map(|f| f.file).collect::<HashSet<_>>();
        let new_only = files(validate_migrations(&input(false), &NamingOptions::default()));
        assert_eq!(new_only, HashSet::from(["20250102000000_NewThing".to_string()]));
        assert!(files(validate_migrations(&input(true), &NamingOptions::default())).contains("skillpod_b2b_enterprise"));
    }

    /// Input-derived data must never panic (a panic in WASM kills the caller): names and texts
    /// built from a pool of awkward characters, run through every entry point.
    #[test]
    fn arbitrary_names_and_texts_never_panic() {
        let pool: Vec<char> = "0123456789_-aZ é😀\r\n\u{0}\u{feff}\"'#=;".chars().collect();
        let mut seed: u32 = 7;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 8) as usize % below
        };
        for _ in 0..300 {
            let mut text = |max: usize| -> String { (0..next(max)).map(|_| pool[next(pool.len())]).collect() };
            let names: Vec<String> =
                (0..4).map(|i| if i % 2 == 0 { format!("2025{}", text(20)) } else { text(20) }).collect();
            let sqls: Vec<String> = (0..4).map(|_| text(40)).collect();
            let migrations: Vec<Migration> = names.iter().zip(&sqls).map(|(n, s)| migration(n, s)).collect();
            let base_list: Vec<BaseMigration> = names.iter().zip(sqls.iter().rev()).map(|(n, s)| base(n, s)).collect();
            let input = HistoryInput {
                migrations,
                lock: Some(text(30)),
                base: Some(Base {
                    reference: None,
                    merge_base: base_list[..2].to_vec(),
                    base_head: Some(base_list.clone()),
                }),
                now: Some(text(3).len() as i64 * 700_000_000),
                all: true,
                ..HistoryInput::default()
            };
            let report = check_history(&input, &NamingOptions { max_length: 3, ..NamingOptions::default() });
            // Every finding names a folder of the input, its migration.sql, or the lock file.
            for finding in report.findings {
                let folder = finding.file.strip_suffix("/migration.sql").unwrap_or(&finding.file);
                let known = names.iter().any(|name| name == folder) || folder == "migration_lock.toml";
                assert!(known, "{finding:?}");
            }
        }
    }

    #[test]
    fn folder_rules_and_the_lock_are_reported_with_their_files() {
        let input = HistoryInput {
            migrations: vec![Migration {
                name: "20250101000000_init".into(),
                sql: None,
                files: Some(vec!["notes.txt".into()]),
                actions: None,
            }],
            lock: None,
            ..HistoryInput::default()
        };
        let report = validate_migrations(&input, &NamingOptions::default());
        let found: Vec<(&str, &str)> = report.findings.iter().map(|f| (f.rule.as_str(), f.file.as_str())).collect();
        assert!(found.contains(&("naming-unexpected-file", "20250101000000_init")), "{found:?}");
        assert!(found.contains(&("naming-lock-file", "migration_lock.toml")), "{found:?}");
        // A missing migration.sql is `missing-migration-sql`, reported by `project::check_migration`.
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
