//! `migration-lint schema`: the catalog a migrations folder leaves behind, replayed in Prisma's
//! order, with the statements PostgreSQL would refuse on the way.

use crate::context::folder::Folder;
use crate::context::input::HistoryInput;
use crate::context::name::NamingOptions;
use crate::model::{SchemaFailure, SchemaOutput};
use crate::source::LineIndex;

/// Replay `input`'s migrations in Prisma's order into the catalog they build, each as
/// `migrate deploy` runs it (a refused statement undoes its file back to the file's last `COMMIT`);
/// the replay goes on past a refused migration, where the deploy would stop. The same replay the
/// SQL checks read ([`Folder::replaying`]).
pub fn replay_schema(input: &HistoryInput) -> SchemaOutput {
    let opts = NamingOptions::default();
    let folder = Folder::replaying(input, &opts, &mut |_, _, _| {});
    let failures = folder
        .refused
        .iter()
        .map(|(index, failure)| {
            let migration = &input.migrations[*index];
            SchemaFailure {
                migration: migration.name.clone(),
                line: LineIndex::new(folder.sql(*index)).position(failure.statement.start).line,
                sqlstate: failure.sqlstate,
                message: failure.message.clone(),
            }
        })
        .collect();
    let migrations = input.migrations.iter().filter(|m| m.sql.is_some()).count();
    let schema = folder.catalog.as_ref().map(|catalog| catalog.schema()).unwrap_or_default();
    SchemaOutput { migrations, schema, failures }
}
