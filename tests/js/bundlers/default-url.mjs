// The browser entry with its default WASM URL: enough in Vite and webpack 5, which emit the file.
import { checkSql, init } from '@skillancer/migration-lint/browser';

import { report } from './report.mjs';

report(init(), checkSql);
