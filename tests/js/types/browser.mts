import { init, initSync, checkSql, type Report } from '@skillancer/migration-lint/browser';

await init(new URL('https://example.invalid/migration_lint_bg.wasm'));
initSync(new Uint8Array());
const report: Report = checkSql('SELECT 1;', { file: 'a.sql' });
// @ts-expect-error: the browser entry reads no folders
import('@skillancer/migration-lint/browser').then((m) => m.checkMigrations('prisma/migrations'));

export { report };
