//! `migration-lint schema`: the catalog a migrations folder leaves behind, replayed in Prisma's
//! order, with the statements PostgreSQL would refuse on the way.

use crate::context::input::HistoryInput;
use crate::context::prisma::prisma_order;
use crate::model::{replay_history, SchemaFailure, SchemaOutput};
use crate::source::LineIndex;
use crate::syntax::analyze;

/// Replay `input`'s migrations in Prisma's order into the catalog they build, each as
/// `migrate deploy` runs it (a refused statement undoes its file back to the file's last `COMMIT`);
/// the replay goes on past a refused migration, where the deploy would stop.
pub fn replay_schema(input: &HistoryInput) -> SchemaOutput {
    let ordered: Vec<(&str, &str)> = prisma_order(input.migrations.iter().map(|m| m.name.as_str()))
        .into_iter()
        .filter_map(|index| {
            let migration = &input.migrations[index];
            migration.sql.as_deref().map(|sql| (migration.name.as_str(), sql))
        })
        .collect();
    let analyses: Vec<_> = ordered.iter().map(|(_, sql)| analyze(sql)).collect();
    let migrations: Vec<(&str, &_)> = ordered.iter().zip(&analyses).map(|((_, sql), analysis)| (*sql, analysis)).collect();
    let (catalog, failures) = replay_history(&migrations);
    let failures = failures
        .iter()
        .map(|(index, failure)| {
            let (name, sql) = ordered[*index];
            SchemaFailure {
                migration: name.to_string(),
                line: LineIndex::new(sql).position(failure.statement.start).line,
                sqlstate: failure.sqlstate,
                message: failure.message.clone(),
            }
        })
        .collect();
    SchemaOutput { migrations: ordered.len(), schema: catalog.schema(), failures }
}
