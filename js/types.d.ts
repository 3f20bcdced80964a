// The data types, declared once next to the Rust structs (src/types.d.ts) and generated into
// pkg/migration_lint.d.ts; re-exported here for both entries.
export type {
  Approval,
  Base,
  BaseMigration,
  Category,
  Config,
  ExternalApproval,
  FailOn,
  Finding,
  Format,
  HistoryInput,
  MigrationInput,
  MigrationsInput,
  NameInput,
  NamingConfig,
  RenderOptions,
  Report,
  RuleLevel,
  RuleMeta,
  Severity,
  Summary,
} from '../pkg/migration_lint.js';
