// Imported first by the CLI, before the WASM module is compiled. A CLI run is short: V8's
// optimising compiler (TurboFan) spends more time compiling the hot WASM functions than the run
// gains from them, and on CI's 2 cores it competes with the run itself. With Liftoff, the baseline
// compiler, alone, the CLI over the 994 corpus migrations took 0.29 s instead of 0.37 s (bench/).
// The library API is not affected: long-running callers keep V8's defaults.
import { setFlagsFromString } from 'node:v8';

if (!process.env.MIGRATION_LINT_V8_DEFAULTS) {
  setFlagsFromString('--liftoff-only');
}
