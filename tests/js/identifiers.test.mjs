// PostgreSQL's identifier rules, checked against PostgreSQL itself (PGlite): unquoted names fold to
// lower case, quoted ones keep their case, `U&"..."` escapes are decoded, and every name is cut to
// 63 bytes on a character boundary. Each history is applied as `prisma migrate deploy` would, and
// the catalog PostgreSQL then holds, the migrations it refuses, and the linter's findings must be
// what the schema model (`replaySchema`) and the rules say without a database.
import { stopEngines } from '../../js/engine.mjs';
import { checkMigrationsInput, replaySchema, verifyMigrationsInput } from '../../js/index.mjs';

const LONG_INDEX = `Organization_billingAccountId_subscriptionPlanId_createdAt_7_idx`; // 64 characters
const LONG = `${LONG_INDEX}_extra`; // 70 characters
const CUT = LONG.slice(0, 63);
const LETTERS = 'é'.repeat(40); // 80 bytes
const LETTERS_CUT = 'é'.repeat(31); // 62 bytes: a 32nd letter would end at byte 64

/** A history of migrations from their SQL, named in order. */
function history(...sqls) {
  return {
    migrations: sqls.map((sql, i) => ({ name: `2024010${i + 1}000000_change_t${i}`, sql })),
  };
}

const byKey = (rows) => rows.map((row) => JSON.stringify(row)).sort();

/** What PostgreSQL holds and refuses, and what the model says, side by side. */
async function both(input) {
  const { schema: pg } = await verifyMigrationsInput(input, { schema: true });
  const model = replaySchema(input);
  for (const list of ['tables', 'columns', 'indexes', 'constraints']) {
    expect({ list, rows: byKey(model[list]) }).toEqual({ list, rows: byKey(pg[list]) });
  }
  const refused = (catalog) => catalog.failures.map((f) => `${f.migration} ${f.sqlstate} ${f.message}`);
  expect(refused(model)).toEqual(refused(pg));
  return { pg, model };
}

/** The linter's findings of `rule`, as `migration: message`. */
function findings(input, rule) {
  return checkMigrationsInput(input)
    .findings.filter((f) => f.rule === rule)
    .map((f) => `${f.file.split('/')[0]}: ${f.message}`);
}

afterAll(() => stopEngines());

describe('names as PostgreSQL stores them', () => {
  test('Users, users, USERS and "users" are one table', async () => {
    const input = history(
      'CREATE TABLE Users ("id" INTEGER NOT NULL);',
      'ALTER TABLE users ADD COLUMN "a" INTEGER;\nALTER TABLE "users" ADD COLUMN "b" INTEGER;\nALTER TABLE USERS ADD COLUMN "c" INTEGER;',
    );
    const { pg } = await both(input);
    expect(pg.tables).toEqual([{ schema: 'public', name: 'users' }]);
    expect(pg.columns.map((c) => c.name)).toEqual(['id', 'a', 'b', 'c']);
    expect(findings(input, 'unknown-object')).toEqual([]);
  }, 60_000);

  test('"Users" is another table: naming it users fails the deploy, and the linter says so', async () => {
    const input = history('CREATE TABLE "Users" ("id" INTEGER NOT NULL);', 'ALTER TABLE users ADD COLUMN "a" INTEGER;');
    const { pg } = await both(input);
    expect(pg.failures.map((f) => f.sqlstate)).toEqual(['42P01']);
    expect(findings(input, 'unknown-object')).toEqual([
      '20240102000000_change_t1: relation "users" does not exist at this point of the history (SQLSTATE 42P01): the deploy fails here',
    ]);
  }, 60_000);

  test('a new table users does not make the existing "Users" new: its index build is still reported', async () => {
    const input = history(
      'CREATE TABLE "Users" ("id" INTEGER NOT NULL);',
      'CREATE TABLE users ("id" INTEGER NOT NULL);\nCREATE INDEX "Users_id_idx" ON "Users"("id");',
    );
    await both(input);
    expect(findings(input, 'create-index-not-concurrently')).toEqual([
      '20240102000000_change_t1: builds index `Users_id_idx` on existing table `Users` while blocking its writes',
    ]);
  }, 60_000);

  test('a 70-character index name is stored as its first 63 bytes, and dropped by that name', async () => {
    const create = `CREATE TABLE "T" ("a" INTEGER);\nCREATE INDEX "${LONG}" ON "T"("a");`;
    const { pg } = await both(history(create));
    expect(pg.indexes.map((index) => index.name)).toEqual([CUT]);
    const input = history(create, `DROP INDEX "${CUT}";`);
    const after = await both(input);
    expect(after.pg.indexes).toEqual([]);
    // The drop is of the index that exists (so it is reported), shown as written.
    expect(findings(input, 'drop-index')).toEqual([`20240102000000_change_t1: drops index \`${CUT}\``]);
    expect(findings(input, 'unknown-object')).toEqual([]);
  }, 60_000);

  test('an index dropped by its cut name and built again under its long name is a redefinition', async () => {
    const input = history(
      `CREATE TABLE "T" ("a" INTEGER, "b" INTEGER);\nCREATE INDEX "${LONG}" ON "T"("a");`,
      `DROP INDEX "${CUT}";\nCREATE INDEX "${LONG}" ON "T"("a", "b");`,
    );
    const { pg } = await both(input);
    expect(pg.indexes.map((index) => index.name)).toEqual([CUT]);
    expect(findings(input, 'drop-index')).toEqual([]);
    expect(findings(input, 'create-index-not-concurrently')).toEqual([
      `20240102000000_change_t1: builds index \`${LONG}\` on existing table \`T\` while blocking its writes`,
    ]);
  }, 60_000);

  test('a long constraint name and a long table name are matched by their cut forms', async () => {
    const input = history(
      `CREATE TABLE "${LONG}" ("a" INTEGER);\nALTER TABLE "${LONG}" ADD CONSTRAINT "${LONG}" CHECK ("a" > 0);`,
      `ALTER TABLE "${CUT}" DROP CONSTRAINT "${CUT}";\nALTER TABLE "${CUT}" ADD COLUMN "b" INTEGER;`,
    );
    const { pg } = await both(input);
    expect(pg.tables).toEqual([{ schema: 'public', name: CUT }]);
    expect(pg.constraints).toEqual([]);
    expect(findings(input, 'drop-constraint')).toEqual([
      `20240102000000_change_t1: drops constraint \`${CUT}\` of table \`${CUT}\``,
    ]);
  }, 60_000);

  test('a name of multi-byte letters is cut at the last whole letter within 63 bytes', async () => {
    const input = history(`CREATE TABLE "${LETTERS}" ("id" INTEGER);`, `ALTER TABLE "${LETTERS_CUT}" ADD COLUMN "x" INTEGER;`);
    const { pg } = await both(input);
    expect(pg.tables).toEqual([{ schema: 'public', name: LETTERS_CUT }]);
    expect(pg.columns.map((c) => c.name)).toEqual(['id', 'x']);
  }, 60_000);

  test('U&"..." names are decoded: U&"d\\0061ta" is the table data', async () => {
    const input = history('CREATE TABLE U&"d\\0061t\\+000061" ("id" INTEGER);', 'ALTER TABLE data ADD COLUMN "x" INTEGER;');
    const { pg } = await both(input);
    expect(pg.tables).toEqual([{ schema: 'public', name: 'data' }]);
    expect(findings(input, 'parse-error')).toEqual([]);
  }, 60_000);
});
