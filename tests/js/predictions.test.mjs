// Every deploy failure the linter predicts really fails on PostgreSQL (PGlite), with the SQLSTATE
// the rule names, and what it lets through applies. Each history is applied as `prisma migrate
// deploy` sends it: each migration.sql as one simple query, in order.
import { applyMigrations, startEngine, stopEngines } from '../../js/engine.mjs';
import { checkMigrationsInput, engineStatements } from '../../js/index.mjs';

const INIT = {
  name: '20240101000000_init',
  sql: `CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" ("id" TEXT NOT NULL, "role" "Role" NOT NULL DEFAULT 'USER', CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL, "title" TEXT NOT NULL);
`,
};

/** [what, the migration after INIT, the rule that must predict the failure, its SQLSTATE]. */
const FAILS = [
  [
    'CREATE INDEX CONCURRENTLY in a file with another statement',
    'ALTER TABLE "Post" ADD COLUMN "slug" TEXT;\nCREATE INDEX CONCURRENTLY "Post_slug_idx" ON "Post"("slug");\n',
    'concurrently-in-transaction',
    '25001',
  ],
  [
    'DROP INDEX CONCURRENTLY inside BEGIN/COMMIT',
    'BEGIN;\nDROP INDEX CONCURRENTLY IF EXISTS "Post_title_idx";\nCOMMIT;\n',
    'concurrently-in-transaction',
    '25001',
  ],
  [
    'an enum value used in the file that adds it',
    `ALTER TYPE "Role" ADD VALUE 'OWNER';\nUPDATE "User" SET "role" = 'OWNER' WHERE "id" = '1';\n`,
    'enum-value-used-in-transaction',
    '55P04',
  ],
  [
    'a default of the new value in the same file',
    `ALTER TYPE "Role" ADD VALUE 'GUEST';\nALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'GUEST';\n`,
    'enum-value-used-in-transaction',
    '55P04',
  ],
  ['a table that does not exist', 'ALTER TABLE "Acount" ADD COLUMN "plan" TEXT;\n', 'unknown-object', '42P01'],
  ['a column that does not exist', 'ALTER TABLE "Post" DROP COLUMN "body";\n', 'unknown-object', '42703'],
  ['a constraint that does not exist', 'ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";\n', 'unknown-object', '42704'],
  ['a type that does not exist', `ALTER TYPE "Status" ADD VALUE 'DONE';\n`, 'unknown-object', '42704'],
  [
    'a column referencing a table that does not exist',
    'ALTER TABLE "Post" ADD COLUMN "tagId" TEXT REFERENCES "Tag"("id");\n',
    'unknown-object',
    '42P01',
  ],
];

/** What the linter lets through on the deploy side: each applies. */
const APPLIES = [
  ['CREATE INDEX CONCURRENTLY alone in its file', 'CREATE INDEX CONCURRENTLY "Post_authorId_idx" ON "Post"("authorId");\n'],
  ['an enum value added, used after an explicit COMMIT', `BEGIN;\nALTER TYPE "Role" ADD VALUE 'OWNER';\nCOMMIT;\nUPDATE "User" SET "role" = 'OWNER';\n`],
  ['IF EXISTS on what does not exist', 'DROP TABLE IF EXISTS "Acount";\nALTER TABLE "Post" DROP COLUMN IF EXISTS "body";\n'],
  ['a foreign key NOT VALID, then validated', `ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") NOT VALID;\nALTER TABLE "Post" VALIDATE CONSTRAINT "Post_authorId_fkey";\n`],
];

const DEPLOY_RULES = ['concurrently-in-transaction', 'enum-value-used-in-transaction', 'unknown-object'];
const CHANGE = '20240102000000_change_post';

function lint(sql) {
  const report = checkMigrationsInput({ migrations: [INIT, { name: CHANGE, sql }] });
  return report.findings.filter((f) => DEPLOY_RULES.includes(f.rule));
}

/** The SQLSTATE a finding names: in its message where it gives one, else in its rule's why. */
function namedSqlstate(finding) {
  return (finding.message.match(/SQLSTATE (\w{5})/) ?? finding.why.match(/SQLSTATE (\w{5})/))?.[1];
}

// One engine with INIT applied (no extension is needed): every failing migration is one
// transaction that PostgreSQL rolls back whole, so the next case starts from INIT again; a case
// that applies runs on a copy.
let db;
/** PostgreSQL's error for `sql` sent as verify sends a migration (`EngineError`), or null. */
async function applyOne(engine, sql) {
  const { outcomes } = await applyMigrations(engine, [{ name: CHANGE, sql }], { engineStatements });
  return outcomes[0].error ?? null;
}
beforeAll(async () => {
  ({ db } = await startEngine([]));
  expect(await applyOne(db, INIT.sql)).toBeNull();
}, 60_000);
afterAll(async () => {
  await db?.close();
  await stopEngines();
});

describe('predicted deploy failures fail on PostgreSQL with that SQLSTATE', () => {
  test.each(FAILS)('%s', async (_, sql, rule, sqlstate) => {
    const found = lint(sql);
    expect(found.map((f) => f.rule)).toEqual([rule]);
    expect(namedSqlstate(found[0])).toBe(sqlstate);
    expect(await applyOne(db, sql)).toMatchObject({ sqlstate });
  }, 60_000);

  test('each failure was rolled back whole: the engine still holds INIT alone', async () => {
    const columns = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Post' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'authorId', 'title']);
    const values = await db.query(`SELECT unnest(enum_range(NULL::"Role"))::text AS value`);
    expect(values.rows.map((r) => r.value)).toEqual(['USER', 'ADMIN']);
  });
});

describe('what the deploy rules let through applies on PostgreSQL', () => {
  test.each(APPLIES)('%s', async (_, sql) => {
    expect(lint(sql)).toEqual([]);
    const copy = await db.clone();
    try {
      expect(await applyOne(copy, sql)).toBeNull();
    } finally {
      await copy.close();
    }
  }, 60_000);
});
