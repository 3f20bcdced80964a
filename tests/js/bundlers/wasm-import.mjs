// The README's esbuild recipe: the module's URL imported from the package's ./wasm export
// (esbuild's `file` loader, webpack's `asset/resource`) and passed to init().
import { checkSql, init } from '@skillancer/migration-lint/browser';
import wasmUrl from '@skillancer/migration-lint/wasm';

import { report } from './report.mjs';

report(init(wasmUrl), checkSql);
