// The embedded PostgreSQL that `verify` applies a history to: PGlite (PostgreSQL compiled to
// WebAssembly), in Node and in the browser alike. Platform-neutral: no file system here, and
// PGlite is imported only when an engine is started, so nothing else of the package needs it.
//
// Only I/O lives here: the core plans (`verifyPlan`: Prisma's order, the extensions to load),
// splits a failed file into statements (`engineStatements`) and turns the answers into findings
// (`verifyReport`, `runVerified`).

/** The PGlite version the package is tested with (package.json pins the same). */
export const PGLITE_VERSION = '0.5.14';

const INSTALL = `npm install --save-dev @electric-sql/pglite@${PGLITE_VERSION} @electric-sql/pglite-pgvector@0.0.15`;

/** Thrown when PGlite is not installed: the CLI prints it and exits 2. */
export class EngineMissingError extends Error {
  constructor(cause) {
    super(`verify needs PGlite, PostgreSQL compiled to WebAssembly (an optional dependency that is not installed): ${INSTALL}`, { cause });
    this.name = 'EngineMissingError';
  }
}

// The extensions PGlite ships, by the name `CREATE EXTENSION` uses. Each is loaded only when the
// history creates it. Literal specifiers, so bundlers (the playground's Vite) can split them out.
const EXTENSIONS = {
  amcheck: () => import('@electric-sql/pglite/contrib/amcheck').then((m) => m.amcheck),
  bloom: () => import('@electric-sql/pglite/contrib/bloom').then((m) => m.bloom),
  btree_gin: () => import('@electric-sql/pglite/contrib/btree_gin').then((m) => m.btree_gin),
  btree_gist: () => import('@electric-sql/pglite/contrib/btree_gist').then((m) => m.btree_gist),
  citext: () => import('@electric-sql/pglite/contrib/citext').then((m) => m.citext),
  cube: () => import('@electric-sql/pglite/contrib/cube').then((m) => m.cube),
  dict_int: () => import('@electric-sql/pglite/contrib/dict_int').then((m) => m.dict_int),
  dict_xsyn: () => import('@electric-sql/pglite/contrib/dict_xsyn').then((m) => m.dict_xsyn),
  earthdistance: () => import('@electric-sql/pglite/contrib/earthdistance').then((m) => m.earthdistance),
  fuzzystrmatch: () => import('@electric-sql/pglite/contrib/fuzzystrmatch').then((m) => m.fuzzystrmatch),
  hstore: () => import('@electric-sql/pglite/contrib/hstore').then((m) => m.hstore),
  intarray: () => import('@electric-sql/pglite/contrib/intarray').then((m) => m.intarray),
  isn: () => import('@electric-sql/pglite/contrib/isn').then((m) => m.isn),
  lo: () => import('@electric-sql/pglite/contrib/lo').then((m) => m.lo),
  ltree: () => import('@electric-sql/pglite/contrib/ltree').then((m) => m.ltree),
  moddatetime: () => import('@electric-sql/pglite/contrib/moddatetime').then((m) => m.moddatetime),
  pg_trgm: () => import('@electric-sql/pglite/contrib/pg_trgm').then((m) => m.pg_trgm),
  pgcrypto: () => import('@electric-sql/pglite/contrib/pgcrypto').then((m) => m.pgcrypto),
  seg: () => import('@electric-sql/pglite/contrib/seg').then((m) => m.seg),
  tablefunc: () => import('@electric-sql/pglite/contrib/tablefunc').then((m) => m.tablefunc),
  tcn: () => import('@electric-sql/pglite/contrib/tcn').then((m) => m.tcn),
  tsm_system_rows: () => import('@electric-sql/pglite/contrib/tsm_system_rows').then((m) => m.tsm_system_rows),
  tsm_system_time: () => import('@electric-sql/pglite/contrib/tsm_system_time').then((m) => m.tsm_system_time),
  unaccent: () => import('@electric-sql/pglite/contrib/unaccent').then((m) => m.unaccent),
  'uuid-ossp': () => import('@electric-sql/pglite/contrib/uuid_ossp').then((m) => m.uuid_ossp),
  // pgvector is its own package since PGlite 0.5 (Electric's, pinned to the same PGlite).
  vector: () => import('@electric-sql/pglite-pgvector').then((m) => m.vector),
};

/** The extension names the engine can load. */
export const shippedExtensions = () => Object.keys(EXTENSIONS).sort();

/**
 * Start a fresh, empty PostgreSQL with the extensions `wanted` (names as `CREATE EXTENSION` uses
 * them) that PGlite ships; the others are left out, and `CREATE EXTENSION` of one fails with 0A000,
 * which `verifyReport` turns into a note. `options` are PGlite's own (the browser passes none).
 */
export async function startEngine(wanted = [], options = {}) {
  let PGlite;
  try {
    ({ PGlite } = await import('@electric-sql/pglite'));
  } catch (error) {
    throw new EngineMissingError(error);
  }
  const extensions = {};
  for (const name of wanted) {
    const load = EXTENSIONS[name];
    if (!load) continue;
    try {
      const extension = await load();
      extensions[name.replace(/\W/g, '_')] = extension;
    } catch {
      // Not installed (pgvector is a package of its own): CREATE EXTENSION will say so.
    }
  }
  const started = performance.now();
  const db = await fresh(PGlite, extensions, options);
  // Prisma connects with the URL's schema as the search path (public by default).
  await db.exec('SET search_path TO public');
  const { rows } = await db.query('SELECT version() AS version');
  // "PostgreSQL 18.6 (PGlite 0.5.14) on wasm32-unknown-emscripten, compiled by ..."
  const version = String(rows[0].version).split(' on ')[0];
  return { db, version, startMs: performance.now() - started };
}

// A pristine server per process, per set of extensions: cloning it (PGlite copies the data
// folder) is several times quicker than `create` (bench/verify.mjs times both), and a run over
// several folders, or a test suite, starts many. Only the last set is kept.
let template = null;

async function fresh(PGlite, extensions, options) {
  if (Object.keys(options).length > 0) return PGlite.create({ ...options, extensions });
  const key = Object.keys(extensions).sort().join(',');
  if (template?.key !== key) {
    await template?.db.then((db) => db.close()).catch(() => {});
    template = { key, db: PGlite.create({ extensions }) };
  }
  return (await template.db).clone();
}

/** Close the pristine server `startEngine` keeps for cloning, so the process can exit. */
export async function stopEngines() {
  const db = template?.db;
  template = null;
  await db?.then((open) => open.close()).catch(() => {});
}

/** PostgreSQL's error as the core reads it (`EngineError`). */
function engineError(error) {
  const position = Number.parseInt(error?.position, 10);
  return {
    sqlstate: typeof error?.code === 'string' ? error.code : null,
    message: String(error?.message ?? error),
    detail: error?.detail ?? null,
    hint: error?.hint ?? null,
    position: Number.isFinite(position) && position > 0 ? position : null,
    statement: null,
  };
}

/**
 * Which statement failed, for an error without a position: the failed file is re-run one
 * statement at a time in a transaction that is rolled back, each statement behind a savepoint
 * (transaction control skipped). The first statement that fails the same way is the one; else the
 * first with the same SQLSTATE; else null.
 */
async function failingStatement(db, sql, failure, statements) {
  let sameState = null;
  await db.exec('BEGIN');
  try {
    for (const [index, statement] of statements.entries()) {
      if (statement.control) continue;
      await db.exec('SAVEPOINT migration_lint');
      try {
        await db.exec(sql.slice(statement.start, statement.end));
        await db.exec('RELEASE SAVEPOINT migration_lint');
      } catch (error) {
        if (error?.code === failure.sqlstate && error?.message === failure.message) return index;
        if (error?.code === failure.sqlstate) sameState ??= index;
        await db.exec('ROLLBACK TO SAVEPOINT migration_lint');
      }
    }
    return sameState;
  } finally {
    await db.exec('ROLLBACK');
  }
}

/**
 * Apply `migrations` ([{ name, sql }], in the plan's order) as `prisma migrate deploy` does: each
 * text as ONE simple query (one implicit transaction, unless it has its own BEGIN/COMMIT). Unlike
 * deploy it goes on after a failure: the failed text is rolled back (what it committed itself
 * stays, as on a server) and the next is sent. Returns the outcomes (`EngineOutcome[]`) and the time.
 */
export async function applyMigrations(db, migrations, core) {
  const outcomes = [];
  const started = performance.now();
  for (const { name, sql } of migrations) {
    try {
      await db.exec(sql);
      outcomes.push({ name });
    } catch (thrown) {
      // A text that opened its own BEGIN leaves the session in a failed transaction.
      if (db.isInTransaction()) await db.exec('ROLLBACK');
      const error = engineError(thrown);
      if (error.position === null) error.statement = await failingStatement(db, sql, error, core.engineStatements(sql));
      outcomes.push({ name, error });
    }
  }
  return { outcomes, applyMs: performance.now() - started };
}

// The catalog, read back in the shape of the core's schema model (`SchemaOutput`): the user's
// schemas only, nothing an extension created, `_prisma_migrations` left out.
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;
const notExt = (catalog, oid) => `NOT EXISTS (SELECT 1 FROM pg_depend d
  WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const TABLE = `c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`;

const QUERIES = {
  tables: `SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${TABLE} AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  columns: `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS name,
      row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      pg_get_expr(ad.adbin, ad.adrelid) AS "default"
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped
      AND ${TABLE} AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  enums: `SELECT n.nspname AS schema, t.typname AS name,
      array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE ${USER_NS} AND ${notExt('pg_type', 't.oid')}
    GROUP BY n.nspname, t.typname`,
  indexes: `SELECT n.nspname AS schema, c.relname AS "table", i.relname AS name,
      x.indisunique AS "unique", x.indisprimary AS "primary"
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname <> '_prisma_migrations' AND ${USER_NS}
      AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_class', 'i.oid')}`,
  constraints: `SELECT n.nspname AS schema, c.relname AS "table", k.conname AS name,
      k.contype::text AS type
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relname <> '_prisma_migrations'
      AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_constraint', 'k.oid')}`,
  views: `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  sequences: `SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,
  functions: `SELECT n.nspname AS schema, p.proname AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NS} AND ${notExt('pg_proc', 'p.oid')}`,
  triggers: `SELECT n.nspname AS schema, c.relname AS "table", g.tgname AS name
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT g.tgisinternal AND ${USER_NS}
      AND ${notExt('pg_class', 'c.oid')} AND ${notExt('pg_trigger', 'g.oid')}`,
  extensions: `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`,
};

const SORT_KEYS = {
  tables: ['schema', 'name'],
  columns: ['schema', 'table', 'position'],
  enums: ['schema', 'name'],
  indexes: ['schema', 'table', 'name'],
  constraints: ['schema', 'table', 'name'],
  views: ['schema', 'name'],
  sequences: ['schema', 'name'],
  functions: ['schema', 'name'],
  triggers: ['schema', 'table', 'name'],
  extensions: ['name'],
};

// Code-unit order, independent of the database's collation.
const byKeys = (keys) => (a, b) => {
  for (const k of keys) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
};

/**
 * The catalog the engine holds, as `replaySchema` gives the model's: `{ tables, columns, enums,
 * indexes, constraints, views, sequences, functions, triggers, extensions, uncertain }`, each
 * list sorted (the engine is never uncertain).
 */
export async function readCatalog(db) {
  const catalog = {};
  for (const [key, sql] of Object.entries(QUERIES)) {
    const { rows } = await db.query(sql);
    catalog[key] = rows.sort(byKeys(SORT_KEYS[key]));
  }
  catalog.extensions = catalog.extensions.map((row) => row.name);
  catalog.uncertain = [];
  return catalog;
}

/**
 * The whole step for one migrations folder (`MigrationsInput`, with SQL): plan, start a fresh
 * engine, apply, and hand the answers back with what the core needs to report them. With
 * `schema`, the catalog the engine holds afterwards too.
 */
export async function verifyFolder(folder, core, { schema = false, engineOptions } = {}) {
  const plan = core.verifyPlan({ ...folder, config: undefined });
  const sqlOf = new Map(folder.migrations.map((m) => [m.name, m.sql]));
  const { db, version, startMs } = await startEngine(plan.extensions, engineOptions);
  try {
    const migrations = plan.migrations.map((name) => ({ name, sql: sqlOf.get(name) }));
    const { outcomes, applyMs } = await applyMigrations(db, migrations, core);
    const catalog = schema ? await readCatalog(db) : undefined;
    return { input: { folder, outcomes, engine: version }, catalog, engine: { version, startMs, applyMs, migrations: migrations.length } };
  } finally {
    await db.close();
  }
}
