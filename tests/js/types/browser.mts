import { init, initSync, checkSql, validateName, verifyOrder, type Report } from '@skillancer/migration-lint/browser';

await init(new URL('https://example.invalid/migration_lint_bg.wasm'));
initSync(new Uint8Array());
const report: Report = checkSql('SELECT 1;', { file: 'a.sql' });
const named: Report = validateName('20250101000000_init', { sql: 'SELECT 1;', now: Math.floor(Date.now() / 1000) });
const ordered: Report = verifyOrder({ migrations: [{ name: '20250101000000_init', sql: 'SELECT 1;' }] });
// @ts-expect-error: the browser entry reads no folders
import('@skillancer/migration-lint/browser').then((m) => m.checkMigrations('prisma/migrations'));

export { report, named, ordered };
