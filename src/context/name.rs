//! Migration folder names: `YYYYMMDDHHMMSS_descriptive_name`.
//!
//! What the naming rules read: a folder name parsed once into its timestamp and words, the
//! options, the calendar, word splitting, table-name matching and the suggested name. Pure
//! functions over plain data: the caller passes `now` as unix seconds (Rust on wasm32 has no clock).
//! Each rule's condition lives in its own file under `src/rules/naming_*.rs`.
//!
//! Spans of naming findings are byte ranges in the folder name itself, so an editor can underline
//! the timestamp, the verb or the description.

use serde::Deserialize;

use crate::source::Span;
use crate::syntax::actions::{Action, ActionKind, ConstraintKind, Name, ObjectKind};

/// Verbs a description may start with, unless the configuration replaces them.
pub const DEFAULT_VERBS: &[&str] = &[
    "add",
    "create",
    "remove",
    "drop",
    "rename",
    "update",
    "alter",
    "change",
    "make",
    "set",
    "unset",
    "backfill",
    "migrate",
    "init",
    "delete",
    "insert",
    "seed",
    "enable",
    "disable",
    "fix",
    "move",
    "extend",
    "convert",
    "replace",
    "restore",
    "index",
    "introduce",
    "refactor",
    "split",
    "merge",
    "sync",
    "allow",
    "revert",
    "enforce",
    "mark",
    "track",
    "verify",
    "upgrade",
    "downgrade",
    "deprecate",
    "normalize",
    "simplify",
    "rework",
    "restructure",
    "optimize",
    "consolidate",
    "reset",
    "clean",
    "cleanup",
    "populate",
    "link",
    "unlink",
    "archive",
    "require",
    "increase",
    "decrease",
    "modify",
    "adjust",
    "expand",
    "shrink",
    "truncate",
    "store",
    "support",
    "use",
    "hide",
    "expire",
    "reverse",
    "prepare",
];

/// Words that say nothing about what changed: a description made only of a verb and these is vague.
pub const VAGUE_WORDS: &[&str] = &[
    "schema",
    "db",
    "database",
    "data",
    "change",
    "changes",
    "stuff",
    "misc",
    "things",
    "fix",
    "fixes",
    "update",
    "updates",
    "migration",
    "migrations",
    "table",
    "tables",
    "model",
    "models",
    "wip",
    "temp",
    "tmp",
    "test",
    "new",
    "various",
    "minor",
    "more",
    "some",
    "all",
    "initial",
    "latest",
    "again",
    "v",
    "version",
];

/// Configuration of the naming rules (the `naming` part of the config file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct NamingOptions {
    /// Verbs a description may start with; replaces the defaults.
    pub verbs: Vec<String>,
    /// Verbs accepted in addition to `verbs`.
    pub extra_verbs: Vec<String>,
    /// Longest description (the part after `YYYYMMDDHHMMSS_`), in characters.
    pub max_length: usize,
    /// How far in the future a timestamp may be before it is reported, in minutes (clock skew
    /// between machines).
    pub future_tolerance_minutes: i64,
    /// Files a migration folder may hold besides `migration.sql`.
    pub allowed_files: Vec<String>,
}

impl Default for NamingOptions {
    fn default() -> Self {
        NamingOptions {
            verbs: DEFAULT_VERBS.iter().map(|verb| verb.to_string()).collect(),
            extra_verbs: Vec::new(),
            max_length: 60,
            future_tolerance_minutes: 5,
            // Prisma's docs keep a down migration as `down.sql` next to `migration.sql`.
            allowed_files: vec!["down.sql".to_string(), "README.md".to_string()],
        }
    }
}

impl NamingOptions {
    pub fn is_verb(&self, word: &str) -> bool {
        self.verbs.iter().chain(&self.extra_verbs).any(|verb| verb.eq_ignore_ascii_case(word))
    }
}

/// What is known about a migration besides its name.
#[derive(Debug, Clone, Copy, Default)]
pub struct NameContext<'a> {
    /// The current time as unix seconds; `None` skips the future-timestamp rule.
    pub now: Option<i64>,
    /// What the migration's SQL does; `None` when unknown (the table rule is skipped).
    pub actions: Option<&'a [Action]>,
    /// Whether this is the first migration in Prisma's order; `None` when unknown (`init` is accepted).
    pub first: Option<bool>,
}

/// A name under check, with everything the per-name rules may use.
pub struct NameSubject<'a> {
    pub name: &'a ParsedName<'a>,
    pub opts: &'a NamingOptions,
    pub now: Option<i64>,
    pub actions: Option<&'a [Action]>,
    pub first: Option<bool>,
}

/// Words that, alone, name a first migration: `init`, `initial_migration`, `init_schema`.
const INITIAL_WORDS: &[&str] = &["init", "initial", "initialize", "migration", "schema", "setup", "baseline"];

impl NameSubject<'_> {
    /// Whether the name is the conventional name of a first migration (`init`, `initial_migration`)
    /// and this may be the first migration: such a name needs no verb, table or detail.
    pub fn is_initial(&self) -> bool {
        let words = &self.name.words;
        self.first != Some(false)
            && words.first().is_some_and(|w| w.text.starts_with("init"))
            && words.iter().all(|w| INITIAL_WORDS.contains(&w.text.as_str()))
    }

    /// `Suggested name: `...`.` keeping the folder's own description, with a better timestamp.
    pub fn retimed_help(&self) -> Option<String> {
        let description = self.name.snake_description()?;
        Some(format!("Suggested name: `{}_{description}`.", self.suggested_timestamp()))
    }

    /// A better name derived from the folder's timestamp (or now) and from what its SQL does;
    /// falls back to the folder's own description in snake_case.
    pub fn suggested_name(&self) -> Option<String> {
        let description = self
            .actions
            .and_then(|actions| suggest_description(actions, self.opts.max_length))
            .or_else(|| self.name.snake_description())?;
        Some(format!("{}_{description}", self.suggested_timestamp()))
    }

    /// `Suggested name: `...`.` for a finding's help, when one can be derived and differs.
    pub fn suggestion_help(&self) -> Option<String> {
        let suggested = self.suggested_name()?;
        (suggested != self.name.text).then(|| format!("Suggested name: `{suggested}`."))
    }

    /// The folder's own timestamp when valid; its digits padded to 14 when that makes a valid
    /// one (keeping its place in time); otherwise now; otherwise a placeholder.
    pub fn suggested_timestamp(&self) -> String {
        let digits = self.name.digits_str();
        if let Ok(timestamp) = Timestamp::parse(digits) {
            return timestamp.to_string();
        }
        if (8..14).contains(&digits.len()) {
            let padded = format!("{digits:0<14}");
            if let Ok(timestamp) = Timestamp::parse(&padded) {
                return timestamp.to_string();
            }
        }
        match self.now {
            Some(now) => Timestamp::from_unix(now).to_string(),
            None => "YYYYMMDDHHMMSS".to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names

/// A word of a name, lowercased, with its byte span in the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// A folder name split into its leading digits and its description.
#[derive(Debug, Clone)]
pub struct ParsedName<'a> {
    pub text: &'a str,
    /// The leading ASCII digits (empty when the name has none).
    pub digits: Span,
    /// The part after the digits and their `_` separator (the whole name when it has no digits).
    pub description: Span,
    /// The description's words, split at non-alphanumerics and camelCase boundaries.
    pub words: Vec<Word>,
}

impl<'a> ParsedName<'a> {
    pub fn parse(text: &'a str) -> ParsedName<'a> {
        let digits_end = text.bytes().take_while(u8::is_ascii_digit).count();
        let description_start =
            if digits_end > 0 && text.as_bytes().get(digits_end) == Some(&b'_') { digits_end + 1 } else { digits_end };
        ParsedName {
            text,
            digits: Span::new(0, digits_end),
            description: Span::new(description_start, text.len()),
            words: split_words(&text[description_start..], description_start),
        }
    }

    pub fn digits_str(&self) -> &'a str {
        &self.text[self.digits.start..self.digits.end]
    }

    pub fn description_str(&self) -> &'a str {
        &self.text[self.description.start..]
    }

    /// The 14-digit timestamp, when the name starts with a valid one followed by `_` or the end.
    pub fn timestamp(&self) -> Option<Timestamp> {
        Timestamp::parse(self.digits_str()).ok()
    }

    /// The description with its words joined by `_` (`NewColumnInLinkTable` -> `new_column_in_link_table`).
    pub fn snake_description(&self) -> Option<String> {
        (!self.words.is_empty()).then(|| self.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("_"))
    }

    /// The span covering all words (the description without stray separators), or the description.
    pub fn description_span(&self) -> Span {
        match (self.words.first(), self.words.last()) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => self.description,
        }
    }
}

/// Split at every non-alphanumeric char and at camelCase boundaries (`NewColumn` -> new, column;
/// `HTMLParser` -> html, parser). Digits never split (`b2b`, `oauth2`). Spans are offset by `offset`.
pub fn split_words(text: &str, offset: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let push = |from: usize, to: usize, words: &mut Vec<Word>| {
        words.push(Word { text: text[from..to].to_lowercase(), span: Span::new(from + offset, to + offset) });
    };
    let mut start: Option<usize> = None;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !c.is_alphanumeric() {
            if let Some(from) = start.take() {
                push(from, at, &mut words);
            }
        } else if let Some(from) = start {
            let next_is_lower = chars.peek().is_some_and(|&(_, next)| next.is_lowercase());
            if c.is_uppercase() && (previous.is_lowercase() || (previous.is_uppercase() && next_is_lower)) {
                push(from, at, &mut words);
                start = Some(at);
            }
        } else {
            start = Some(at);
        }
        previous = c;
    }
    if let Some(from) = start {
        push(from, text.len(), &mut words);
    }
    words
}

/// An identifier in snake_case (`UserProfile` -> `user_profile`).
pub fn snake(identifier: &str) -> String {
    split_words(identifier, 0).iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("_")
}

// ---------------------------------------------------------------------------------------------
// Tables named in a description

/// Whether `a` and `b` are the same word up to a regular or common irregular plural
/// (users/user, categories/category, addresses/address, statuses/status, people/person).
pub fn same_word(a: &str, b: &str) -> bool {
    a == b || is_plural_of(a, b) || is_plural_of(b, a)
}

fn is_plural_of(plural: &str, singular: &str) -> bool {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("women", "woman"),
        ("indices", "index"),
        ("data", "datum"),
        ("analyses", "analysis"),
        ("media", "medium"),
    ];
    if IRREGULAR.contains(&(plural, singular)) {
        return true;
    }
    let Some(stem) = plural.strip_suffix('s') else { return false };
    stem == singular
        || stem.strip_suffix('e') == Some(singular)
        || (stem.strip_suffix("ie").is_some_and(|root| singular.strip_suffix('y') == Some(root)))
}

/// Whether the description's words name `table`, as snake, camel or Pascal case, singular or plural:
/// `UserProfile` is named by `user_profile`, `user_profiles` and `userprofile`, and by its head
/// noun, the words it ends with (`profiles`), as people shorten names; not by its first words
/// (`user` names the `User` table, not `UserProfile`).
pub fn names_table(words: &[Word], table: &str) -> bool {
    let table_words: Vec<String> = split_words(table, 0).into_iter().map(|w| w.text).collect();
    let Some(head) = table_words.last() else { return false };
    let in_sequence = |part: &[String]| {
        words.windows(part.len()).any(|window| window.iter().zip(part).all(|(word, part)| same_word(&word.text, part)))
    };
    if in_sequence(&table_words) {
        return true;
    }
    if head.len() >= 3 && (1..table_words.len()).any(|from| in_sequence(&table_words[from..])) {
        return true;
    }
    // Written as one word on one side and several on the other (`userprofile` vs `user_profile`).
    let joined_table = table_words.concat();
    (1..=words.len().min(4)).any(|size| {
        words.windows(size).any(|window| {
            let joined: String = window.iter().map(|w| w.text.as_str()).collect();
            same_word(&joined, &joined_table)
        })
    })
}

/// The distinct tables the actions touch (by name, ignoring schema and case), in order of
/// appearance; at most `limit` + 1 of them (enough to know there are more than `limit`).
pub fn touched_tables(actions: &[Action], limit: usize) -> Vec<&Name> {
    let mut tables: Vec<&Name> = Vec::new();
    for table in actions.iter().filter_map(|action| action.kind.table()) {
        if !tables.iter().any(|seen| seen.name == table.name) {
            tables.push(table);
            if tables.len() > limit {
                break;
            }
        }
    }
    tables
}

// ---------------------------------------------------------------------------------------------
// Suggested descriptions

/// A description derived from what the SQL does, in the convention's style
/// (`create_audit_logs_table`, `add_index_jobs_status`, `drop_legacy_sessions_table`), cut to
/// `max_length` at a word boundary. `None` when the SQL does nothing recognisable.
pub fn suggest_description(actions: &[Action], max_length: usize) -> Option<String> {
    let main = main_action(actions)?;
    let same_kind = |wanted: fn(&ActionKind) -> bool| -> Vec<&Action> {
        actions.iter().filter(|action| wanted(&action.kind)).collect()
    };
    let tables_of = |list: &[&Action]| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for table in list.iter().filter_map(|action| action.kind.table()) {
            let name = snake(table.name.written());
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    };
    use ActionKind::*;
    let description = match &main.kind {
        CreateTable { table } => {
            let tables = tables_of(&same_kind(|kind| matches!(kind, CreateTable { .. })));
            match tables.len() {
                0 | 1 => format!("create_{}_table", snake(table.name.written())),
                2 | 3 => format!("create_{}_tables", tables.join("_and_")),
                _ => format!("create_{}_and_more_tables", tables[0]),
            }
        }
        DropTable { table, .. } => format!("drop_{}_table", snake(table.name.written())),
        AddColumn { table, column, .. } => {
            let columns: Vec<String> = actions
                .iter()
                .filter_map(|action| match &action.kind {
                    AddColumn { table: other, column, .. } if other.name == table.name => Some(snake(column.written())),
                    _ => None,
                })
                .collect();
            match columns.len() {
                0 | 1 => format!("add_{}_to_{}", snake(column.written()), snake(table.name.written())),
                2 => format!("add_{}_and_{}_to_{}", columns[0], columns[1], snake(table.name.written())),
                _ => format!("add_{}_columns", snake(table.name.written())),
            }
        }
        DropColumn { table, column } => {
            format!("drop_{}_from_{}", snake(column.written()), snake(table.name.written()))
        }
        CreateIndex { table, unique, .. } => {
            format!("add_{}index_{}", if *unique { "unique_" } else { "" }, snake(table.name.written()))
        }
        RenameTable { table, to } => format!("rename_{}_to_{}", snake(table.name.written()), snake(to.written())),
        RenameColumn { table, column, to } => {
            format!(
                "rename_column_{}_{}_to_{}",
                snake(table.name.written()),
                snake(column.written()),
                snake(to.written())
            )
        }
        AlterColumnType { table, column, .. } => {
            format!("change_{}_{}_type", snake(table.name.written()), snake(column.written()))
        }
        SetNotNull { table, column } => {
            format!("make_{}_{}_required", snake(table.name.written()), snake(column.written()))
        }
        DropNotNull { table, column } => {
            format!("make_{}_{}_optional", snake(table.name.written()), snake(column.written()))
        }
        SetDefault { table, column } => {
            format!("set_{}_{}_default", snake(table.name.written()), snake(column.written()))
        }
        AddConstraint { table, kind, .. } => {
            let what = match kind {
                ConstraintKind::PrimaryKey => "primary_key",
                ConstraintKind::Unique => "unique_constraint",
                ConstraintKind::ForeignKey => "foreign_key",
                ConstraintKind::Check => "check_constraint",
                ConstraintKind::Exclusion => "exclusion_constraint",
                ConstraintKind::Other => "constraint",
            };
            format!("add_{what}_to_{}", snake(table.name.written()))
        }
        DropConstraint { table, constraint } => {
            format!("drop_{}_from_{}", snake(constraint.written()), snake(table.name.written()))
        }
        CreateType { name } => format!("create_{}_enum", snake(name.name.written())),
        AddEnumValue { name, value } => format!("add_{}_to_{}", snake(value), snake(name.name.written())),
        RenameType { name, to } => format!("rename_{}_to_{}", snake(name.name.written()), snake(to.written())),
        RenameEnumValue { name, from, to } => {
            format!("rename_{}_to_{}_in_{}", snake(from), snake(to), snake(name.name.written()))
        }
        DropObject { kind: ObjectKind::Index, name, .. } => format!("drop_index_{}", snake(name.name.written())),
        DropObject { kind, name, .. } => format!("drop_{}_{}", snake(kind.as_str()), snake(name.name.written())),
        Update { table, .. } => format!("backfill_{}", snake(table.name.written())),
        Delete { table, .. } => format!("delete_{}_rows", snake(table.name.written())),
        Truncate { table } => format!("truncate_{}", snake(table.name.written())),
        TouchTable { table } => format!("update_{}", snake(table.name.written())),
        DropSchema { schema, .. } => format!("drop_{}_schema", snake(schema.name.written())),
        DropDatabase { database } => format!("drop_{}_database", snake(database.name.written())),
    };
    Some(cut_at_word(&description, max_length))
}

/// The action that best says what a migration does: the first of the most telling kind. Tables
/// before columns, columns before types (Prisma creates a table's enums first), types before
/// indexes and constraints (by-products of the change), and data statements last.
fn main_action(actions: &[Action]) -> Option<&Action> {
    use ActionKind::*;
    actions.iter().min_by_key(|action| match action.kind {
        CreateTable { .. } | DropTable { .. } | RenameTable { .. } => 0,
        AddColumn { .. }
        | DropColumn { .. }
        | RenameColumn { .. }
        | AlterColumnType { .. }
        | SetNotNull { .. }
        | DropNotNull { .. }
        | SetDefault { .. } => 1,
        CreateType { .. }
        | AddEnumValue { .. }
        | RenameType { .. }
        | RenameEnumValue { .. }
        | DropSchema { .. }
        | DropDatabase { .. } => 2,
        CreateIndex { .. } | AddConstraint { .. } | DropConstraint { .. } | DropObject { .. } => 3,
        Update { .. } | Delete { .. } | Truncate { .. } | TouchTable { .. } => 4,
    })
}

/// Cut a snake_case text to at most `max` chars, at an `_`.
fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    for word in text.split('_') {
        let extra = if cut.is_empty() { word.len() } else { word.len() + 1 };
        if cut.chars().count() + extra > max {
            break;
        }
        if !cut.is_empty() {
            cut.push('_');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        text.chars().take(max).collect()
    } else {
        cut
    }
}

// ---------------------------------------------------------------------------------------------
// The calendar (proleptic Gregorian, UTC)

/// A valid `YYYYMMDDHHMMSS` timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Why 14 digits are not a timestamp: the message and the byte range of the bad part in the digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampProblem {
    pub message: String,
    pub span: Span,
}

pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to the given date (Howard Hinnant's `days_from_civil`: eras of 400 years,
/// years counted from March so the leap day falls at the end).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Timestamp {
    /// Parse exactly 14 ASCII digits as a real UTC date and time.
    pub fn parse(digits: &str) -> Result<Timestamp, TimestampProblem> {
        let problem =
            |message: String, start: usize, end: usize| TimestampProblem { message, span: Span::new(start, end) };
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(problem(format!("`{digits}` is not 14 digits"), 0, digits.len()));
        }
        let field = |from: usize, to: usize| -> u32 {
            digits.as_bytes()[from..to].iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
        };
        let (year, month, day) = (i64::from(field(0, 4)), field(4, 6), field(6, 8));
        let (hour, minute, second) = (field(8, 10), field(10, 12), field(12, 14));
        if year < 1970 {
            return Err(problem(format!("year {year:04} is before 1970, so no tool generated it"), 0, 4));
        }
        if !(1..=12).contains(&month) {
            return Err(problem(format!("month {month:02} does not exist"), 4, 6));
        }
        let month_name = MONTHS[month as usize - 1];
        let last_day = days_in_month(year, month);
        if day == 0 || day > last_day {
            return Err(problem(format!("{month_name} {year} has no day {day:02} (it has {last_day} days)"), 6, 8));
        }
        if hour > 23 {
            return Err(problem(format!("hour {hour:02} does not exist (hours run 00 to 23)"), 8, 10));
        }
        if minute > 59 {
            return Err(problem(format!("minute {minute:02} does not exist (minutes run 00 to 59)"), 10, 12));
        }
        if second > 59 {
            return Err(problem(format!("second {second:02} does not exist (seconds run 00 to 59)"), 12, 14));
        }
        Ok(Timestamp { year, month, day, hour, minute, second })
    }

    pub fn unix_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The UTC date and time of unix seconds `seconds`, clamped to years 1970..=9999 so it always
    /// formats as 14 digits.
    pub fn from_unix(seconds: i64) -> Timestamp {
        const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        let seconds = seconds.clamp(0, LAST);
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let in_day = seconds.rem_euclid(86_400);
        Timestamp {
            year,
            month,
            day,
            hour: (in_day / 3600) as u32,
            minute: (in_day % 3600 / 60) as u32,
            second: (in_day % 60) as u32,
        }
    }

    /// `2025-12-08 16:00:00 UTC`, for messages.
    pub fn readable(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl std::fmt::Display for Timestamp {
    /// The 14-digit form used in folder names.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{action, table, NOW};

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && is_leap_year(2400));
        assert!(!is_leap_year(2025) && !is_leap_year(1900) && !is_leap_year(2100));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2025, 13), 0);
    }

    #[test]
    fn unix_seconds_match_known_instants() {
        // Values from `date -u -d '...' +%s`.
        let cases = [
            ("19700101000000", 0),
            ("20000301000000", 951_868_800),
            ("20240229235959", 1_709_251_199),
            ("20251208160000", 1_765_209_600),
            ("20261126064228", 1_795_675_348),
            ("99991231235959", 253_402_300_799),
        ];
        for (digits, seconds) in cases {
            let timestamp = Timestamp::parse(digits).unwrap();
            assert_eq!(timestamp.unix_seconds(), seconds, "{digits}");
            assert_eq!(Timestamp::from_unix(seconds).to_string(), digits);
        }
    }

    #[test]
    fn every_day_from_1970_to_2200_round_trips() {
        let mut days = 0;
        for year in 1970..2200 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(civil_from_days(days), (year, month, day));
                    days += 1;
                }
            }
        }
    }

    #[test]
    fn impossible_dates_and_times_name_the_bad_part() {
        let bad = |digits: &str| Timestamp::parse(digits).unwrap_err();
        assert_eq!(bad("20251308120000").span, Span::new(4, 6));
        assert_eq!(bad("20250230120000").message, "February 2025 has no day 30 (it has 28 days)");
        assert_eq!(bad("20250229120000").span, Span::new(6, 8));
        assert!(Timestamp::parse("20240229120000").is_ok());
        assert_eq!(bad("20251208250000").span, Span::new(8, 10));
        assert_eq!(bad("20251208126000").span, Span::new(10, 12));
        assert_eq!(bad("20251208120060").span, Span::new(12, 14));
        assert_eq!(bad("20250000120000").span, Span::new(4, 6));
        assert_eq!(bad("20251200120000").span, Span::new(6, 8));
        assert_eq!(bad("00010101000000").span, Span::new(0, 4));
        assert!(bad("2025120812000").message.contains("not 14 digits"));
        // A round time is a real time.
        assert!(Timestamp::parse("20260102000000").is_ok());
    }

    #[test]
    fn from_unix_clamps_instead_of_overflowing() {
        assert_eq!(Timestamp::from_unix(i64::MIN).to_string(), "19700101000000");
        assert_eq!(Timestamp::from_unix(i64::MAX).to_string(), "99991231235959");
    }

    #[test]
    fn names_split_into_digits_and_words() {
        let name = ParsedName::parse("202310311254_NewColumnEnableNotificationLinkTable");
        assert_eq!(name.digits_str(), "202310311254");
        assert_eq!(name.description_str(), "NewColumnEnableNotificationLinkTable");
        assert_eq!(name.snake_description().unwrap(), "new_column_enable_notification_link_table");
        let name = ParsedName::parse("skillpod_b2b_enterprise");
        assert_eq!(name.digits_str(), "");
        let words: Vec<&str> = name.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["skillpod", "b2b", "enterprise"]);
        assert_eq!(name.words[1].span, Span::new(9, 12));
        let words: Vec<String> = split_words("HTMLParser_add-OAuth2", 0).into_iter().map(|w| w.text).collect();
        assert_eq!(words, ["html", "parser", "add", "o", "auth2"]);
        // Non-ASCII never panics and keeps byte spans on char boundaries.
        let name = ParsedName::parse("20250101000000_ajouter_été");
        assert_eq!(name.words.last().unwrap().text, "été");
    }

    #[test]
    fn table_names_match_across_case_styles_and_plurals() {
        let words = |text: &str| split_words(text, 0);
        assert!(names_table(&words("add_user_profile_bio"), "UserProfile"));
        assert!(names_table(&words("add_user_profiles_bio"), "UserProfile"));
        assert!(names_table(&words("add_userprofile_bio"), "user_profiles"));
        assert!(names_table(&words("create_categories"), "Category"));
        assert!(names_table(&words("add_address_index"), "addresses"));
        assert!(names_table(&words("backfill_statuses"), "Status"));
        assert!(names_table(&words("add_people_email"), "Person"));
        assert!(names_table(&words("drop_legacy_sessions_table"), "legacy_session"));
        assert!(!names_table(&words("add_user_bio"), "UserProfile"));
        assert!(names_table(&words("add_profiles_bio"), "UserProfile"), "the head noun");
        assert!(names_table(&words("add_attribute_filter"), "SurveyAttributeFilter"));
        assert!(!names_table(&words("add_survey_attribute"), "SurveyAttributeFilter"), "not the first words");
        assert!(!names_table(&words("add_at"), "CreatedAt"), "too short a head noun");
        assert!(!names_table(&words("add_use"), "User"));
        assert!(!names_table(&words("add_usage"), "User"));
    }

    #[test]
    fn suggestions_follow_the_convention() {
        let create = |name: &str| action(ActionKind::CreateTable { table: table(name) });
        assert_eq!(suggest_description(&[create("AuditLog")], 60).unwrap(), "create_audit_log_table");
        assert_eq!(
            suggest_description(&[create("Job"), create("JobRun")], 60).unwrap(),
            "create_job_and_job_run_tables"
        );
        let drop = action(ActionKind::DropTable { table: table("legacy_sessions"), cascade: false });
        assert_eq!(suggest_description(&[drop], 60).unwrap(), "drop_legacy_sessions_table");
        let index =
            action(ActionKind::CreateIndex { name: None, table: table("Job"), unique: false, concurrently: false });
        // An index created with its table is a by-product: the table is what the migration is about.
        assert_eq!(suggest_description(&[create("Job"), index.clone()], 60).unwrap(), "create_job_table");
        assert_eq!(suggest_description(&[index], 60).unwrap(), "add_index_job");
        let add = |column: &str| {
            action(ActionKind::AddColumn {
                table: table("User"),
                column: column.into(),
                not_null: false,
                has_default: false,
                serial: false,
                volatile_default: false,
            })
        };
        assert_eq!(suggest_description(&[add("emailVerified")], 60).unwrap(), "add_email_verified_to_user");
        assert_eq!(suggest_description(&[add("a"), add("b"), add("c")], 60).unwrap(), "add_user_columns");
        let enum_first = action(ActionKind::CreateType { name: table("Status") });
        assert_eq!(suggest_description(&[enum_first, create("Job")], 60).unwrap(), "create_job_table");
        assert_eq!(suggest_description(&[], 60), None);
        assert_eq!(cut_at_word("create_a_very_long_table_name_table", 12), "create_a");
        assert_eq!(cut_at_word("supercalifragilistic", 5), "super");
    }

    #[test]
    fn suggested_timestamps_keep_the_folder_s_place_in_time() {
        let opts = NamingOptions::default();
        let timestamp = |name: &str, now: Option<i64>| {
            let name = ParsedName::parse(name);
            NameSubject { name: &name, opts: &opts, now, actions: None, first: None }.suggested_timestamp()
        };
        assert_eq!(timestamp("20251208160000_x", Some(NOW)), "20251208160000");
        assert_eq!(timestamp("202310311254_x", Some(NOW)), "20231031125400");
        assert_eq!(timestamp("20241231_x", None), "20241231000000");
        assert_eq!(timestamp("skillpod_x", Some(NOW)), "20251208160000");
        assert_eq!(timestamp("01_init", None), "YYYYMMDDHHMMSS");
    }

    #[test]
    fn options_deserialize_strictly_with_defaults() {
        let opts: NamingOptions = serde_json::from_str(r#"{"extraVerbs": ["archive"], "maxLength": 40}"#).unwrap();
        assert_eq!(opts.max_length, 40);
        assert!(opts.is_verb("add") && opts.is_verb("Archive"));
        let error = serde_json::from_str::<NamingOptions>(r#"{"maxLenght": 40}"#).unwrap_err();
        assert!(error.to_string().contains("maxLenght"));
    }
}
