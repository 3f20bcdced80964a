// Types of the browser entry (js/browser.mjs). The data types come from the generated
// pkg/migration_lint.d.ts, declared once next to the Rust structs (src/types.d.ts).
import type { InitInput, SyncInitInput } from '../pkg/migration_lint.js';

export type * from './types.js';
export {
  checkDestructiveInput,
  checkMigrationsInput,
  checkSql,
  explain,
  suggest,
  failsAt,
  formats,
  mergeReports,
  parseConfig,
  render,
  replaySchema,
  rules,
  schemaFormats,
  thresholds,
  validateName,
  verifyOrder,
  verifyPlan,
  engineStatements,
  verifyReport,
  runVerified,
} from './index.js';
export type { ValidateNameOptions } from './index.js';

/**
 * Load the WASM module: its URL, a Response, its bytes or a compiled module. The default URL is next
 * to the glue, which Vite and webpack 5 emit by themselves; with esbuild pass the URL of
 * `@skillancer/migration-lint/wasm` (loader `{ '.wasm': 'file' }`). Rejects with an Error naming the cause.
 */
export function init(bytesOrUrl?: InitInput | Promise<InitInput>): Promise<void>;

/** Load the WASM module synchronously from its bytes or a compiled module (in a worker, say). */
export function initSync(bytesOrModule: SyncInitInput): void;
