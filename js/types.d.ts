// The data types, declared once next to the Rust structs (src/types.d.ts) and generated into
// pkg/migration_lint.d.ts; re-exported here for both entries.
export type {
  Approval,
  Category,
  FailOn,
  Finding,
  Format,
  MigrationInput,
  MigrationsInput,
  RenderOptions,
  Report,
  RuleMeta,
  Severity,
  Summary,
} from '../pkg/migration_lint.js';
