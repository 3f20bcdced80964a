//! A migrations folder prepared once for every rule that reads the folder as a whole: Prisma's
//! order, each migration's parsed name and read SQL, what is new on this branch, and the base
//! branch's migrations by name.

use std::collections::{BTreeSet, HashMap};

use crate::context::input::{BaseMigration, HistoryInput, Migration};
use crate::context::name::{NamingOptions, ParsedName};
use crate::context::prisma::{compare_names, prisma_order};
use crate::model::{Before, Catalog, Failure, History, Key};
use crate::syntax::actions::{Action, ActionKind};
use crate::syntax::analysis::{analyze, Analysis};

/// A migrations folder prepared once for all rules: Prisma's order, each migration's parsed name
/// and read SQL, and the base's migrations by name.
pub struct Folder<'a> {
    pub input: &'a HistoryInput,
    pub migrations: &'a [Migration],
    pub opts: &'a NamingOptions,
    pub names: Vec<ParsedName<'a>>,
    /// Indices into `migrations`, in the order Prisma applies them.
    pub order: Vec<usize>,
    /// Each migration's SQL, read once; `None` when it has no `migration.sql` or the run did not
    /// need it (`check-destructive` reads only the migrations it reports on).
    pub analyses: Vec<Option<Analysis>>,
    pub now: Option<i64>,
    pub lock: Option<&'a str>,
    pub base: Option<BaseView<'a>>,
    /// By index into `migrations`: [`HistoryInput::in_scope`].
    scope: Vec<bool>,
    /// By index into `migrations`: [`HistoryInput::deployed`].
    deployed: Vec<bool>,
    /// By index into `migrations`: [`HistoryInput::new_on_branch`].
    new: Vec<bool>,
    /// With [`Folder::replaying`]: the first statement PostgreSQL would refuse in each migration
    /// that has one, by index into `migrations`.
    pub refused: Vec<(usize, Failure)>,
    /// With [`Folder::replaying`]: the catalog the whole history leaves behind.
    pub catalog: Option<Catalog>,
    by_name: HashMap<&'a str, usize>,
}

/// What [`Folder::replaying`] calls for each migration with SQL, in Prisma's order, once it is
/// replayed: its index, its analysis, and what the replay knows of it.
pub type Visit<'v> = &'v mut dyn FnMut(usize, &Analysis, Replayed<'_>);

/// What the replay knows of one migration, for its checks.
#[derive(Clone, Copy)]
pub struct Replayed<'r> {
    /// The schema before the migration (and through it, after it: for a refused migration, as it
    /// stood at the refused statement).
    pub before: Before<'r>,
    /// With a base: the tables created by migrations not yet deployed (so empty); without one the
    /// set is empty.
    pub undeployed: &'r BTreeSet<Key>,
    /// The first statement of the migration PostgreSQL would refuse.
    pub refused: Option<&'r Failure>,
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

impl<'a> Folder<'a> {
    /// Prepare `input`, reading the SQL of the migrations `read` selects (by index).
    pub fn new(input: &'a HistoryInput, opts: &'a NamingOptions, read: impl Fn(usize) -> bool) -> Folder<'a> {
        Folder::build(input, opts, read, None)
    }

    /// [`Folder::new`], reading every migration's SQL and replaying the history in Prisma's order
    /// as it goes: `visit` sees each migration with the schema the migrations before it built (and,
    /// with a base, the tables created by migrations not yet deployed). Each statement is replayed
    /// as soon as it is parsed and its syntax tree dropped: the folder keeps only statements and
    /// actions, and at most one statement's tree is in memory.
    pub fn replaying(input: &'a HistoryInput, opts: &'a NamingOptions, visit: Visit<'_>) -> Folder<'a> {
        Folder::build(input, opts, |_| true, Some(visit))
    }

    fn build(
        input: &'a HistoryInput,
        opts: &'a NamingOptions,
        read: impl Fn(usize) -> bool,
        mut visit: Option<Visit<'_>>,
    ) -> Folder<'a> {
        let migrations = input.migrations.as_slice();
        let order = prisma_order(migrations.iter().map(|m| m.name.as_str()));
        let new = input.new_on_branch();
        let mut analyses: Vec<Option<Analysis>> = migrations.iter().map(|_| None).collect();
        let mut history = History::default();
        let mut undeployed: BTreeSet<Key> = BTreeSet::new();
        let mut refused = Vec::new();
        for &index in &order {
            let Some(sql) = migrations[index].sql.as_deref().filter(|_| read(index)) else { continue };
            let Some(visit) = visit.as_mut() else {
                analyses[index] = Some(analyze(sql));
                continue;
            };
            // Each statement is replayed as it is parsed; the checks then see the schema before
            // the migration (the catalog's journal) with the migration read in full.
            let (analysis, failure) = history.read(sql);
            visit(
                index,
                &analysis,
                Replayed { before: history.before(), undeployed: &undeployed, refused: failure.as_ref() },
            );
            history.settle(sql);
            if let Some(failure) = failure {
                refused.push((index, failure));
            }
            if input.base.is_some() && new.get(index).copied().unwrap_or(true) {
                for action in &analysis.actions {
                    if let ActionKind::CreateTable { table } = &action.kind {
                        undeployed.insert(Key::of_name(table));
                    }
                }
            }
            analyses[index] = Some(analysis);
        }
        let names: Vec<ParsedName> = migrations.iter().map(|m| ParsedName::parse(&m.name)).collect();
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
        Folder {
            input,
            migrations,
            opts,
            names,
            order,
            analyses,
            now: input.now,
            lock: input.lock.as_deref(),
            base,
            scope: input.in_scope(),
            deployed: input.deployed(),
            new,
            by_name,
            refused,
            catalog: visit.is_some().then(|| history.into_catalog()),
        }
    }

    /// Whether the migration is new on this branch: in neither the merge-base nor the base's tip.
    /// Without a base every migration counts as new.
    pub fn is_new(&self, index: usize) -> bool {
        self.new.get(index).copied().unwrap_or(true)
    }

    /// Whether findings about this migration are reported: with a base or a baseline, only
    /// migrations that are not deployed history (deployed ones cannot be renamed), unless `all`
    /// was asked for.
    pub fn in_scope(&self, index: usize) -> bool {
        self.scope.get(index).copied().unwrap_or(true)
    }

    /// Whether this migration is deployed history (on the base branch, or up to the baseline):
    /// approving it takes a config entry, since a comment would change its checksum.
    pub fn is_deployed(&self, index: usize) -> bool {
        self.deployed.get(index).copied().unwrap_or(false)
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

    /// What migration `index`'s SQL does; empty when it was not read.
    pub fn actions(&self, index: usize) -> &[Action] {
        self.analyses[index].as_ref().map_or(&[], |analysis| analysis.actions.as_slice())
    }

    /// The text of migration `index`'s `migration.sql` (empty when it has none).
    pub fn sql(&self, index: usize) -> &'a str {
        self.migrations[index].sql.as_deref().unwrap_or("")
    }
}
