//! What a statement does, as a list of actions with spans.
//!
//! Rules look at actions, not at raw syntax trees. An action comes either from sqlparser's AST
//! (the normal path) or from the token scanner (statements the parser cannot read, and the
//! bodies of `DO $$ ... $$` blocks), so each rule is written once and works on both paths.
//! An `ALTER TABLE` with three actions yields three actions, each spanning its own clause.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::source::Span;
pub use crate::syntax::ident::Ident;

/// A possibly schema-qualified object name (`"public"."User"` -> schema `public`, name `User`).
/// Compared as PostgreSQL stores names (see [`Ident`]); an unqualified name is in `public` (Prisma
/// runs with `search_path=public`). Shown as written.
#[derive(Debug, Clone)]
pub struct Name {
    pub schema: Option<Ident>,
    pub name: Ident,
}

impl Name {
    pub fn new(schema: Option<Ident>, name: Ident) -> Name {
        Name { schema, name }
    }

    /// An unqualified name written without quotes.
    pub fn unquoted(name: &str) -> Name {
        Name { schema: None, name: Ident::unquoted(name) }
    }

    /// Build from dotted parts (`db.schema.name` keeps the last two).
    pub fn from_parts(mut parts: Vec<Ident>) -> Option<Name> {
        let name = parts.pop()?;
        Some(Name { schema: parts.pop(), name })
    }

    /// The schema as stored: `public` when none is written.
    pub fn stored_schema(&self) -> Cow<'_, str> {
        self.schema.as_ref().map_or(Cow::Borrowed("public"), Ident::stored)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.name == other.name && self.stored_schema() == other.stored_schema()
    }
}

impl Eq for Name {}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.stored_schema().hash(state);
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> Ordering {
        self.stored_schema().cmp(&other.stored_schema()).then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{schema}.{}", self.name),
            None => write!(f, "{}", self.name),
        }
    }
}

/// Which kind of object a plain `DROP <kind>` removes, beyond tables, schemas and databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    Index,
    Type,
    View,
    MaterializedView,
    Sequence,
    Function,
    Procedure,
    Trigger,
    Domain,
    Extension,
    Policy,
    Other,
}

impl ObjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Index => "index",
            ObjectKind::Type => "type",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized view",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Function => "function",
            ObjectKind::Procedure => "procedure",
            ObjectKind::Trigger => "trigger",
            ObjectKind::Domain => "domain",
            ObjectKind::Extension => "extension",
            ObjectKind::Policy => "policy",
            ObjectKind::Other => "object",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    // Destructive.
    DropTable {
        table: Name,
        cascade: bool,
    },
    DropColumn {
        table: Name,
        column: Ident,
    },
    DropSchema {
        schema: Name,
        cascade: bool,
    },
    DropDatabase {
        database: Name,
    },
    Delete {
        table: Name,
        has_where: bool,
    },
    Truncate {
        table: Name,
    },
    /// `DROP INDEX/TYPE/VIEW/...`; `on` is the table for `DROP TRIGGER ... ON t` / `DROP POLICY ... ON t`.
    DropObject {
        kind: ObjectKind,
        name: Name,
        on: Option<Name>,
    },
    DropConstraint {
        table: Name,
        constraint: Ident,
    },
    AlterColumnType {
        table: Name,
        column: Ident,
        new_type: String,
        using: bool,
    },
    Update {
        table: Name,
        has_where: bool,
    },
    RenameTable {
        table: Name,
        to: Ident,
    },
    RenameColumn {
        table: Name,
        column: Ident,
        to: Ident,
    },
    /// `ALTER TYPE ... RENAME TO`.
    RenameType {
        name: Name,
        to: Ident,
    },
    /// `ALTER TYPE ... RENAME VALUE 'from' TO 'to'`: the rows holding `from` hold `to`.
    RenameEnumValue {
        name: Name,
        from: String,
        to: String,
    },
    // Not destructive, recorded for the safety rules and for knowing which objects a migration touches.
    CreateTable {
        table: Name,
    },
    CreateIndex {
        name: Option<Ident>,
        table: Name,
        unique: bool,
        concurrently: bool,
    },
    AddColumn {
        table: Name,
        column: Ident,
        not_null: bool,
        /// `DEFAULT` or `GENERATED`.
        has_default: bool,
        /// `SERIAL` (and its sizes) or an identity column: filled from a sequence.
        serial: bool,
        /// The default calls a volatile function (`gen_random_uuid()`, `nextval`, ...), or the
        /// column is `SERIAL`: every existing row gets its own value, so the table is rewritten.
        volatile_default: bool,
    },
    SetNotNull {
        table: Name,
        column: Ident,
    },
    DropNotNull {
        table: Name,
        column: Ident,
    },
    SetDefault {
        table: Name,
        column: Ident,
    },
    AddConstraint {
        table: Name,
        constraint: Option<Ident>,
        kind: ConstraintKind,
        not_valid: bool,
        /// `PRIMARY KEY USING INDEX i`, `UNIQUE USING INDEX i`: an index built before becomes the
        /// constraint's (renamed, nothing built).
        using_index: bool,
    },
    CreateType {
        name: Name,
    },
    AddEnumValue {
        name: Name,
        value: String,
    },
    /// Any other statement that names a table (e.g. `INSERT INTO t`, `ALTER TABLE t ENABLE ROW LEVEL SECURITY`).
    TouchTable {
        table: Name,
    },
}

/// Functions whose result changes per row: a default calling one is computed for every existing
/// row when the column is added, which rewrites the table. Constant and stable defaults
/// (`now()`, `CURRENT_TIMESTAMP`, literals) are stored once, without a rewrite (PostgreSQL 11+).
pub const VOLATILE_FUNCTIONS: &[&str] = &[
    "nextval",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "random",
    "clock_timestamp",
    "timeofday",
    "txid_current",
    "gen_random_bytes",
];

/// Whether SQL text calls one of [`VOLATILE_FUNCTIONS`] (a word of the list followed by `(`).
pub fn calls_volatile(text: &str) -> bool {
    let tokens: Vec<_> = crate::syntax::lexer::tokenize(text).into_iter().filter(|t| !t.is_comment()).collect();
    tokens.windows(2).any(|pair| pair[1].is_punct('(') && VOLATILE_FUNCTIONS.iter().any(|name| pair[0].is(text, name)))
}

/// `SERIAL`, `BIGSERIAL`, `SMALLSERIAL`, `SERIAL2/4/8`.
pub fn is_serial_type(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "serial" | "bigserial" | "smallserial" | "serial2" | "serial4" | "serial8"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Exclusion,
    Other,
}

/// How an action was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// From sqlparser's AST.
    Parsed,
    /// From the token scanner, because the parser could not read the statement.
    Scanned,
    /// From the body of a `DO` block (PL/pgSQL, which sqlparser does not parse).
    DoBlock,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub kind: ActionKind,
    /// The clause that does it (one `DROP COLUMN "a"` of a longer `ALTER TABLE`).
    pub span: Span,
    /// The whole statement.
    pub statement: Span,
    pub source: Source,
}

/// A database object an action touches, for naming checks and branch-conflict detection.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object {
    Table(Name),
    Column(Name, Ident),
    Index(Ident),
    Type(Name),
    Other(String, Name),
}

impl ActionKind {
    /// The table this action changes, if it changes one.
    pub fn table(&self) -> Option<&Name> {
        use ActionKind::*;
        match self {
            DropTable { table, .. }
            | DropColumn { table, .. }
            | Delete { table, .. }
            | Truncate { table }
            | DropConstraint { table, .. }
            | AlterColumnType { table, .. }
            | Update { table, .. }
            | RenameTable { table, .. }
            | RenameColumn { table, .. }
            | CreateTable { table }
            | CreateIndex { table, .. }
            | AddColumn { table, .. }
            | SetNotNull { table, .. }
            | DropNotNull { table, .. }
            | SetDefault { table, .. }
            | AddConstraint { table, .. }
            | TouchTable { table } => Some(table),
            DropObject { on, .. } => on.as_ref(),
            DropSchema { .. }
            | DropDatabase { .. }
            | RenameType { .. }
            | RenameEnumValue { .. }
            | CreateType { .. }
            | AddEnumValue { .. } => None,
        }
    }

    /// Every object this action touches, most specific first.
    pub fn objects(&self) -> Vec<Object> {
        use ActionKind::*;
        let mut objects = Vec::new();
        match self {
            DropColumn { table, column }
            | AlterColumnType { table, column, .. }
            | RenameColumn { table, column, .. }
            | AddColumn { table, column, .. }
            | SetNotNull { table, column }
            | DropNotNull { table, column }
            | SetDefault { table, column } => objects.push(Object::Column(table.clone(), column.clone())),
            CreateIndex { name: Some(name), .. } => objects.push(Object::Index(name.clone())),
            DropObject { kind: ObjectKind::Index, name, .. } => objects.push(Object::Index(name.name.clone())),
            DropObject { kind: ObjectKind::Type, name, .. }
            | RenameType { name, .. }
            | RenameEnumValue { name, .. }
            | CreateType { name }
            | AddEnumValue { name, .. } => objects.push(Object::Type(name.clone())),
            DropObject { kind, name, .. } => objects.push(Object::Other(kind.as_str().to_string(), name.clone())),
            DropSchema { schema, .. } => objects.push(Object::Other("schema".into(), schema.clone())),
            DropDatabase { database } => objects.push(Object::Other("database".into(), database.clone())),
            _ => {}
        }
        if let Some(table) = self.table() {
            objects.push(Object::Table(table.clone()));
        }
        objects
    }
}
