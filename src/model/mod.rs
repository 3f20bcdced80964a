//! The schema model: the catalog a migrations history builds, replayed statement by statement as
//! PostgreSQL would run it (pure, no I/O). `tests/js/schema.test.mjs` applies the shared corpus
//! to PostgreSQL (PGlite) and compares its catalog with this one.
//!
//! What the model cannot follow (a statement the parser could not read, a `DO` block, a type or
//! default it does not print) makes the objects involved *uncertain*: they are listed as such, and
//! no rule reports from an uncertain fact.

pub mod expr;
pub mod names;
pub mod replay;
pub mod tracked;
pub mod types;

use std::collections::BTreeSet;
use std::rc::Rc;

use serde::Serialize;

pub use expr::Default;
pub use names::Key;
pub use replay::{Failure, History, Replay};
use tracked::Journal;
pub use tracked::Tracked;
pub use types::ColumnType;

/// The catalog at one point of the history.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub schemas: Tracked<(), String>,
    pub tables: Tracked<Table>,
    /// Types the migrations created: enums with their values, other types with none.
    pub types: Tracked<UserType>,
    /// Indexes by schema and name (index names are unique within a schema).
    pub indexes: Tracked<Index>,
    pub views: Tracked<View>,
    pub sequences: Tracked<Sequence>,
    pub functions: Tracked<()>,
    /// Triggers by table and name.
    pub triggers: Tracked<(), (Key, String)>,
    pub extensions: Tracked<(), String>,
    /// Tables a statement the model could not follow may have changed, with what it was.
    pub uncertain: Tracked<String>,
    /// Types such a statement may have created or changed (a `CREATE TYPE` in a `DO` block).
    pub uncertain_types: Tracked<String>,
    /// Temporary tables of the migration being replayed (`CREATE TEMP TABLE`): statements on them
    /// change nothing that stays.
    pub temporary: BTreeSet<Key>,
    /// Whether a statement that could touch anything (a `DO` block, an unreadable statement naming
    /// no table) was replayed: what is absent may then exist.
    pub opaque: bool,
    /// Whether the history does not start from an empty database: its first migration already
    /// uses objects it does not create (the older migrations were squashed away, or the database
    /// was made some other way). What is absent is then assumed to exist.
    pub partial: bool,
    /// While a migration is journaled ([`Catalog::begin`]): `opaque` before it. (`partial` is
    /// settled by the first migration, before any journal.)
    opaque_before: Option<bool>,
}

/// What the model knows of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Present,
    Absent,
    /// A statement the model could not follow may have changed it: no rule reports from it.
    Unsure,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Shared with the journal's pre-image of the table ([`Tracked`]): copying a table before a
    /// migration changes it copies pointers, and only the columns it changes are copied whole.
    pub columns: Vec<Rc<Column>>,
    pub constraints: Vec<Rc<Constraint>>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|column| column.name == name).map(|column| &**column)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|column| column.name == name).map(Rc::make_mut)
    }

    pub fn constraint(&self, name: &str) -> Option<&Constraint> {
        self.constraints.iter().find(|constraint| constraint.name == name).map(|constraint| &**constraint)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// `None`: a type the model does not name.
    pub ty: Option<ColumnType>,
    pub not_null: bool,
    pub default: Option<Default>,
    pub identity: bool,
    pub generated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConstraintType {
    #[serde(rename = "p")]
    PrimaryKey,
    #[serde(rename = "u")]
    Unique,
    #[serde(rename = "f")]
    ForeignKey,
    #[serde(rename = "c")]
    Check,
    #[serde(rename = "x")]
    Exclusion,
}

impl ConstraintType {
    /// Whether the constraint owns an index of its name.
    pub fn has_index(self) -> bool {
        matches!(self, ConstraintType::PrimaryKey | ConstraintType::Unique | ConstraintType::Exclusion)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintType,
    /// The columns it constrains (empty for a check the model does not attribute).
    pub columns: Vec<String>,
    /// A foreign key's referenced table and columns.
    pub references: Option<(Key, Vec<String>)>,
    /// `false` for a constraint added `NOT VALID` and not validated since.
    pub validated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserType {
    /// An enum's values in order; `None` for a composite, range or domain.
    pub values: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub table: Key,
    pub unique: bool,
    pub primary: bool,
    /// Column names; `None` for an expression.
    pub columns: Vec<Option<String>>,
    pub partial: bool,
    /// The constraint that owns the index (a primary key or unique constraint of the same name).
    pub constraint: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub materialized: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    /// The column that owns it (`SERIAL`, identity, `OWNED BY`).
    pub owned_by: Option<(Key, String)>,
}

/// The catalog as JSON, in the shape a real server's catalog is read into for comparison
/// (`migration-lint schema`, `replaySchema`).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Schema {
    pub tables: Vec<TableRow>,
    pub columns: Vec<ColumnRow>,
    pub enums: Vec<EnumRow>,
    pub indexes: Vec<IndexRow>,
    pub constraints: Vec<ConstraintRow>,
    pub views: Vec<ViewRow>,
    pub sequences: Vec<NameRow>,
    pub functions: Vec<NameRow>,
    pub triggers: Vec<TriggerRow>,
    pub extensions: Vec<String>,
    /// What the model could not follow, each with why: tables a statement may have changed unseen
    /// (`table T: ...`), types (`type T: ...`), columns whose type or default it does not print
    /// (`type of T.c`, `default of T.c`).
    pub uncertain: Vec<String>,
}

/// A history's catalog, and where the replay met a statement PostgreSQL would refuse
/// (`migration-lint schema`, `replaySchema`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SchemaOutput {
    /// Migrations replayed, in Prisma's order (those without a `migration.sql` are skipped).
    pub migrations: usize,
    #[serde(flatten)]
    pub schema: Schema,
    pub failures: Vec<SchemaFailure>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SchemaFailure {
    pub migration: String,
    pub line: u32,
    pub sqlstate: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableRow {
    pub schema: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ColumnRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub position: usize,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub not_null: bool,
    pub default: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EnumRow {
    pub schema: String,
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndexRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub unique: bool,
    pub primary: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ConstraintRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ConstraintType,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ViewRow {
    pub schema: String,
    pub name: String,
    pub materialized: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameRow {
    pub schema: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TriggerRow {
    pub schema: String,
    pub table: String,
    pub name: String,
}

impl Catalog {
    /// Every journaled collection, listed once for `begin`, `commit` and `rollback`.
    fn journals(&mut self) -> [&mut dyn Journal; 11] {
        [
            &mut self.schemas,
            &mut self.tables,
            &mut self.types,
            &mut self.indexes,
            &mut self.views,
            &mut self.sequences,
            &mut self.functions,
            &mut self.triggers,
            &mut self.extensions,
            &mut self.uncertain,
            &mut self.uncertain_types,
        ]
    }

    /// Journal the next migration: until [`Catalog::commit`], [`Catalog::before`] reads what the
    /// catalog held now, while the replay changes it, and [`Catalog::rollback`] can restore it.
    /// (Temporary tables need none: they end with each migration.)
    pub fn begin(&mut self) {
        self.journals().into_iter().for_each(Journal::begin);
        self.opaque_before = Some(self.opaque);
    }

    /// End the journal: the migration's changes stay.
    pub fn commit(&mut self) {
        self.journals().into_iter().for_each(Journal::commit);
        self.opaque_before = None;
    }

    /// Undo every change since [`Catalog::begin`] (a migration PostgreSQL refuses is rolled back
    /// whole); the journal goes on, with nothing changed.
    pub fn rollback(&mut self) {
        self.journals().into_iter().for_each(Journal::rollback);
        if let Some(opaque) = self.opaque_before {
            self.opaque = opaque;
        }
    }

    /// The schema as it stood before the journaled migration (as it stands, when none is).
    pub fn before(&self) -> Before<'_> {
        Before { catalog: self, after: self }
    }
}

/// The schema before the migration being checked, as the checks read it: the catalog's pre-images
/// of what the migration changed, and the catalog itself for the rest.
#[derive(Debug, Clone, Copy)]
pub struct Before<'a> {
    /// Read through its journal's pre-images.
    catalog: &'a Catalog,
    /// The catalog after the migration: `catalog` itself, but where a first migration's replay was
    /// started again on a partial history (its schema before is then the empty one).
    after: &'a Catalog,
}

impl<'a> Before<'a> {
    pub fn table(&self, key: &Key) -> Option<&'a Table> {
        self.catalog.tables.get_before(key)
    }

    pub fn index(&self, key: &Key) -> Option<&'a Index> {
        self.catalog.indexes.get_before(key)
    }

    pub fn user_type(&self, key: &Key) -> Option<&'a UserType> {
        self.catalog.types.get_before(key)
    }

    pub fn is_uncertain(&self, key: &Key) -> bool {
        self.catalog.uncertain.get_before(key).is_some()
    }

    pub fn partial(&self) -> bool {
        self.catalog.partial
    }

    fn opaque(&self) -> bool {
        self.catalog.opaque_before.unwrap_or(self.catalog.opaque)
    }

    /// The catalog as the replay has it now: after the migration.
    pub fn after(&self) -> &'a Catalog {
        self.after
    }

    /// [`Catalog::table_state`], before the migration.
    pub fn table_state(&self, key: &Key) -> Known {
        known(self.is_uncertain(key), self.table(key).is_some(), self.opaque() || self.partial())
    }
}

impl Catalog {
    /// The catalog as rows, each list sorted as the comparison reads a server's catalog.
    pub fn schema(&self) -> Schema {
        let mut schema = Schema::default();
        let mut uncertain: BTreeSet<String> =
            self.uncertain.iter().map(|(key, why)| format!("table {key}: {why}")).collect();
        uncertain.extend(self.uncertain_types.iter().map(|(key, why)| format!("type {key}: {why}")));
        if self.partial {
            uncertain.insert(
                "history: its first migration uses objects no migration creates, so the database was made some other way; what the migrations do not create is assumed to exist".to_string(),
            );
        }
        for (key, table) in &self.tables {
            schema.tables.push(TableRow { schema: key.schema.to_string(), name: key.name.clone() });
            for (i, column) in table.columns.iter().enumerate() {
                let ty = column.ty.as_ref().map(ColumnType::format);
                let default = column.default.as_ref().and_then(|d| d.format(column.ty.as_ref()));
                if ty.is_none() {
                    uncertain.insert(format!("type of {key}.{}", column.name));
                }
                if column.default.is_some() && default.is_none() {
                    uncertain.insert(format!("default of {key}.{}", column.name));
                }
                schema.columns.push(ColumnRow {
                    schema: key.schema.to_string(),
                    table: key.name.clone(),
                    name: column.name.clone(),
                    position: i + 1,
                    ty,
                    not_null: column.not_null,
                    default,
                });
            }
            for constraint in &table.constraints {
                schema.constraints.push(ConstraintRow {
                    schema: key.schema.to_string(),
                    table: key.name.clone(),
                    name: constraint.name.clone(),
                    kind: constraint.kind,
                });
            }
        }
        for (key, ty) in &self.types {
            if let Some(values) = &ty.values {
                schema.enums.push(EnumRow {
                    schema: key.schema.to_string(),
                    name: key.name.clone(),
                    values: values.clone(),
                });
            }
        }
        for (key, index) in &self.indexes {
            schema.indexes.push(IndexRow {
                schema: key.schema.to_string(),
                table: index.table.name.clone(),
                name: key.name.clone(),
                unique: index.unique,
                primary: index.primary,
            });
        }
        for (key, view) in &self.views {
            schema.views.push(ViewRow {
                schema: key.schema.to_string(),
                name: key.name.clone(),
                materialized: view.materialized,
            });
        }
        let row = |key: &Key| NameRow { schema: key.schema.to_string(), name: key.name.clone() };
        schema.sequences = self.sequences.keys().map(row).collect();
        schema.functions = self.functions.keys().map(row).collect();
        schema.triggers = self
            .triggers
            .keys()
            .map(|(table, name)| TriggerRow {
                schema: table.schema.to_string(),
                table: table.name.clone(),
                name: name.clone(),
            })
            .collect();
        schema.extensions = self.extensions.keys().cloned().collect();
        // By schema, then name (the catalog's own order is by name first).
        schema.tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        schema.columns.sort_by(|a, b| (&a.schema, &a.table, a.position).cmp(&(&b.schema, &b.table, b.position)));
        schema.enums.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        schema.views.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        schema.sequences.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        schema.functions.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        schema.triggers.sort_by(|a, b| (&a.schema, &a.table, &a.name).cmp(&(&b.schema, &b.table, &b.name)));
        schema.indexes.sort_by(|a, b| (&a.schema, &a.table, &a.name).cmp(&(&b.schema, &b.table, &b.name)));
        schema.constraints.sort_by(|a, b| (&a.schema, &a.table, &a.name).cmp(&(&b.schema, &b.table, &b.name)));
        schema.uncertain = uncertain.into_iter().collect();
        schema
    }

    /// What the model knows of a table: there and followed, absent (with nothing unfollowed that
    /// could have made it), or unknown.
    pub fn table_state(&self, key: &Key) -> Known {
        known(self.uncertain.contains_key(key), self.tables.contains_key(key), self.opaque || self.partial)
    }
}

/// What is known of a table that is `uncertain`, `present`, in a schema that may hold what it
/// does not show (`open`: opaque or partial).
fn known(uncertain: bool, present: bool, open: bool) -> Known {
    if uncertain {
        Known::Unsure
    } else if present {
        Known::Present
    } else if open {
        Known::Unsure
    } else {
        Known::Absent
    }
}
