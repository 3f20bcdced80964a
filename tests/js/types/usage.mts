import { checkMigrations, checkSql, failsAt, render, rules, type Finding, type Report, type Severity } from '@skillancer/migration-lint';

const report: Report = checkSql('DROP TABLE "Session";', { file: 'a.sql' });
const first: Finding | undefined = report.findings[0];
const line: number | undefined = first?.line;
const severity: Severity | undefined = first?.severity;
const approvedReason: string | undefined = first?.approved?.reason;
const text: string = render(report, 'text', { color: false, sources: { 'a.sql': 'DROP TABLE "Session";' } });
const fails: boolean = failsAt(checkMigrations('prisma/migrations'), 'medium');
const ids: string[] = rules().map((rule) => rule.id);

// @ts-expect-error: formats are a closed set
render(report, 'xml');
// @ts-expect-error: a Finding has no `lineNumber`
first?.lineNumber;
// @ts-expect-error: the threshold is a severity or `never`
failsAt(report, 'critical');

export { line, severity, approvedReason, text, fails, ids };
