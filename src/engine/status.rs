//! `status`: a migrations folder against the deployed database's `_prisma_migrations` (read by the
//! JS side, read-only): what the next deploy applies, what failed, what was edited after it was
//! applied, what the database has that the folder lacks. The rules are the `Check::Deployed` ones of
//! the one list; the config's levels apply as for every other run.

use serde::Deserialize;

use crate::config::Config;
use crate::context::deployed::{Deployed, DeployedInput};
use crate::engine::folder::MigrationsInput;
use crate::finding::{DeployedState, Report};
use crate::rule::{Check, Placed};
use crate::rules::RULES;

/// A folder and what its database says it applied.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusInput {
    pub folder: MigrationsInput,
    pub deployed: DeployedInput,
}

/// The status findings of `input`: findings name folders inside the migrations folder, in Prisma's
/// order of the migrations they name.
pub fn status(input: &StatusInput) -> Report {
    let history = &input.folder.history;
    let deployed = Deployed::new(history, &input.deployed);
    let mut report = Report::default();
    for rule in RULES {
        if let Check::Deployed(check) = rule.check {
            report.findings.extend(check(&deployed).into_iter().map(Placed::finding));
        }
    }
    for finding in &mut report.findings {
        finding.file = history.path(&finding.file);
    }
    report.deployed = vec![DeployedState {
        dir: history.dir.clone().unwrap_or_else(|| ".".to_string()),
        database: deployed.database.to_string(),
        table: deployed.rows.is_some(),
        applied: deployed.local.iter().filter(|m| deployed.applied(&m.name).is_some()).count(),
        pending: deployed.pending.len(),
        failed: deployed.failed.len(),
        missing_locally: deployed.missing_locally.len(),
    }];
    report.sort();
    report.tally();
    let default = Config::default();
    input.folder.config.as_ref().unwrap_or(&default).apply_levels(&mut report);
    report
}
