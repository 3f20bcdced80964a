import lint = require('@skillancer/migration-lint');

const report: lint.Report = lint.checkSql('SELECT 1;');
const category: lint.Category | undefined = report.findings[0]?.category;
// @ts-expect-error: checkSql takes options, not a file name
lint.checkSql('SELECT 1;', 'a.sql');

export = { report, category };
