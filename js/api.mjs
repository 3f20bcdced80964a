// The API over the WASM glue, shared by the Node entry (index.mjs, for both import and require)
// and the browser entry. Platform-neutral: no file system here.
//
// Rendering the text format shows each finding's source lines when the text of its file is known.
// The reports this API returns remember the texts they were checked from (in a WeakMap, so nothing
// is added to the report object), and `render` uses them unless `options.sources` is given.

const remembered = new WeakMap();

function remember(report, sources) {
  remembered.set(report, sources);
  return report;
}

/**
 * The remembered texts of the files the report's findings name: a folder of 10,000 migrations
 * has 20,000 texts, and handing them all to `render` cost more than rendering (measured 44 ms).
 */
function framed(report) {
  const all = remembered.get(report);
  const sources = {};
  if (all === undefined || !Array.isArray(report?.findings)) return sources;
  for (const { file } of report.findings) {
    if (Object.hasOwn(all, file)) sources[file] = all[file];
  }
  return sources;
}

function expectString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
}

export function expectOptions(options, known, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${what} must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`unknown option \`${key}\` in ${what}: expected ${known.map((k) => `\`${k}\``).join(', ')}`);
    }
  }
  return options;
}

// Every argument crosses into WASM as UTF-8 bytes, JSON or a document's own text, and every
// export returns JSON text (src/wasm.rs says why, with the figures).
const utf8 = new TextEncoder();
const json = (value) => utf8.encode(JSON.stringify(value));
function expectObject(input, what) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(`${what} must be an object`);
  }
}

function asJson(input, what) {
  expectObject(input, what);
  return json(input);
}

/**
 * The one way into the core: `call(name, ...bytes)` runs the export and parses its JSON. An error
 * the core returns arrives as the `Error` it threw. A panic traps the module
 * (`WebAssembly.RuntimeError`, or a `RangeError` when a stack runs out): its message and location are
 * read back, the module is re-instantiated from the same compiled code (a trapped instance keeps its
 * half-unwound stack and whatever it was changing), and an `Error` carrying them is thrown.
 */
export function boundary(glue) {
  return function call(name, ...args) {
    let out;
    try {
      out = glue[name](...args);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) throw crashed(glue, name, error);
      throw error;
    }
    return JSON.parse(out);
  };
}

function crashed(glue, name, error) {
  let panic = null;
  try {
    panic = JSON.parse(glue.takePanic());
  } catch {
    // The trapped instance could not tell (a stack overflow leaves no message): the trap's own is used.
  }
  glue.__wbg_reset_state();
  return new Error(`migration-lint: internal error in ${name}: ${panic ?? error.message} (please report it)`, {
    cause: error,
  });
}

// How findings name a file of the migrations folder. Mirrors `HistoryInput::path` in
// src/context/input.rs (the tests check that code frames find every file).
function folderOf(dir, name) {
  const prefix = (dir ?? '').replace(/\/+$/, '');
  return prefix === '' || prefix === '.' ? name : `${prefix}/${name}`;
}

/** The file texts of a migrations input, by the names findings use. */
export function sourcesOf(input) {
  const sources = {};
  // A finding about a folder points into its name; one about a migration deleted on this branch
  // names the base's folder.
  for (const migration of [...(input.base?.mergeBase ?? []), ...(input.base?.baseHead ?? [])]) {
    sources[folderOf(input.dir, migration.name)] = migration.name;
  }
  for (const migration of input.migrations) {
    const folder = folderOf(input.dir, migration.name);
    sources[folder] = migration.name;
    if (typeof migration.sql === 'string') sources[`${folder}/migration.sql`] = migration.sql;
  }
  if (typeof input.lock === 'string') sources[folderOf(input.dir, 'migration_lock.toml')] = input.lock;
  return sources;
}

const NAME_OPTIONS = ['sql', 'now', 'first', 'naming'];

/** Texts of this many characters or more cross apart from their input's JSON (see `withTexts`). */
const LARGE_TEXT = 64 * 1024;

export function createApi(glue) {
  const call = boundary(glue);
  // A folder's input as JSON, with each large `sql` text handed to the module first, as its own
  // bytes, and named `{"$text": id}` in the JSON: one copy into the module instead of three
  // (src/context/texts.rs). The export that reads the input drops the texts it did not take.
  const kept = (text) => (typeof text === 'string' && text.length >= LARGE_TEXT ? { $text: glue.keepText(utf8.encode(text)) } : text);
  const keepLarge = (key, value) => (key === 'sql' ? kept(value) : value);
  const keptTexts = (texts) =>
    texts === null || typeof texts !== 'object' ? texts : Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, kept(text)]));
  const withTexts = (input, what) => {
    expectObject(input, what);
    return utf8.encode(JSON.stringify(input, keepLarge));
  };
  return {
    /** Check one migration's SQL. */
    checkSql(sql, options) {
      expectString(sql, 'sql');
      const { file = 'migration.sql' } = expectOptions(options, ['file'], 'checkSql options');
      expectString(file, 'options.file');
      return remember(call('checkSql', utf8.encode(sql), json({ file })), { [file]: sql });
    },

    /**
     * Every check of a migrations folder given as plain data (`MigrationsInput`): the SQL, the
     * names, the order and, with `base`, the history; `config` applied.
     */
    checkMigrationsInput(input) {
      return remember(call('checkMigrations', withTexts(input, 'migrations input')), sourcesOf(input));
    },

    /** The SQL checks only (what `check-destructive` runs), over the same input. */
    checkDestructiveInput(input) {
      return remember(call('checkDestructive', withTexts(input, 'migrations input')), sourcesOf(input));
    },

    /** The order and history checks over names, texts and the base's lists (`HistoryInput`). */
    verifyOrder(input) {
      return remember(call('verifyOrder', withTexts(input, 'history input')), sourcesOf(input));
    },

    /**
     * The naming checks of one migration folder name. Options: `sql` (its migration.sql, for the
     * table rule and the suggested name), `now` (unix seconds, for the future-timestamp rule),
     * `first` (whether it is the first migration), `naming` (as the config's `naming` key).
     */
    validateName(name, options) {
      expectString(name, 'name');
      const { sql = null, now = null, first = null, naming = null } = expectOptions(options, NAME_OPTIONS, 'validateName options');
      return remember(call('validateName', json({ name, sql, now, first }), json(naming)), { [name]: name });
    },

    /**
     * The catalog the migrations build, replayed in Prisma's order (`HistoryInput`, as
     * `readMigrationsDir` gives it): tables, columns, enums, indexes, constraints and the rest, and
     * the statements PostgreSQL would refuse. `format: 'text'` gives it as text instead.
     */
    replaySchema(input, options) {
      const { format = 'json' } = expectOptions(options, ['format'], 'replaySchema options');
      const formats = call('schemaFormats');
      if (!formats.includes(format)) {
        throw new TypeError(`options.format must be ${formats.toSorted().map((f) => `'${f}'`).join(' or ')}`);
      }
      return call('replaySchema', withTexts(input, 'history input'), json(format));
    },

    /**
     * What `verify` sends to PostgreSQL (`HistoryInput`): the migrations in Prisma's order and the
     * extensions the history creates.
     */
    /**
     * `status` over a folder and what its database's `_prisma_migrations` holds (`StatusInput`:
     * `folder`, a `MigrationsInput`; `deployed`, `{ database, rows }` as `readDeployed` reads them).
     */
    migrationStatusInput(input) {
      expectObject(input, 'status input');
      return remember(call('migrationStatus', withTexts(input, 'status input')), sourcesOf(input.folder ?? {}));
    },

    verifyPlan(input) {
      return call('verifyPlan', withTexts(input, 'history input'));
    },

    /** A migration's statements in string indices, as the engine re-runs a failed file. */
    engineStatements(sql) {
      expectString(sql, 'sql');
      return call('engineStatements', utf8.encode(sql));
    },

    /**
     * The report of what PostgreSQL answered (`VerifyInput`: the folder, one outcome per migration,
     * the engine's version): `{ report, failures }`.
     */
    verifyReport(input) {
      const verified = call('verifyReport', withTexts(input, 'verify input'));
      remember(verified.report, sourcesOf(input.folder));
      return verified;
    },

    /**
     * `runFolders` for `verify` (`command: 'verify'`) or `check --verify` (`'check'`,
     * `'check-destructive'`): `folders` are `VerifyInput`s.
     */
    runVerified({ folders, command = 'verify', format = 'text', failOn = 'high', color = false }) {
      return call('runVerified', withTexts({ folders, command, format, failOn, color: Boolean(color) }, 'verify run'));
    },

    /** Validate a configuration's JSON text; throws an Error naming the bad key. */
    parseConfig(text) {
      expectString(text, 'config text');
      return call('parseConfig', utf8.encode(text));
    },

    /** Every rule's metadata. */
    rules() {
      return call('rules');
    },

    /** The output formats `render` accepts. */
    formats() {
      return call('formats');
    },

    /** The formats `replaySchema` prints in. */
    schemaFormats() {
      return call('schemaFormats');
    },

    /** The thresholds `failsAt` accepts, as the config's `failOn` does. */
    thresholds() {
      return call('thresholds');
    },

    /**
     * One run over migrations folders (each a `MigrationsInput`), as the CLI makes it: every check
     * (`command: 'check'`) or the SQL checks (`'check-destructive'`), merged and rendered in one call.
     * Returns the rendered `output` and whether it `fails` at `failOn`.
     */
    runFolders({ folders, command = 'check', format = 'text', failOn = 'high', color = false }) {
      return call('runFolders', withTexts({ folders, command, format, failOn, color: Boolean(color) }, 'run request'));
    },

    /** Several reports (of several migrations folders) as one, as if checked together. */
    mergeReports(reports) {
      if (!Array.isArray(reports)) throw new TypeError('reports must be an array');
      const sources = Object.assign({}, ...reports.map((report) => remembered.get(report) ?? {}));
      return remember(call('mergeReports', json(reports)), sources);
    },

    /**
     * A report in one of `formats()`. Options: `color`, `sources` (file texts for code frames) and
     * `failOn` (findings at or above it that are not approved say how to approve them; default high).
     */
    render(report, format = 'text', options) {
      const { color = false, sources, failOn = 'high' } = expectOptions(options, ['color', 'sources', 'failOn'], 'render options');
      expectString(format, 'format');
      expectString(failOn, 'options.failOn');
      // Code frames are the text format's alone: the other formats get no texts to copy.
      const request = { color: Boolean(color), sources: format === 'text' ? keptTexts(sources ?? framed(report)) : {}, failOn };
      return call('render', asJson(report, 'report'), json(format), json(request));
    },

    /** A rule's metadata as text; without an id, every rule, one line each. Throws for an unknown id. */
    explain(id, options) {
      if (id !== undefined && id !== null) expectString(id, 'rule id');
      const { color = false } = expectOptions(options, ['color'], 'explain options');
      return call('explain', json({ id: id ?? null, color: Boolean(color) }));
    },

    /** The candidate closest to `word` within a few edits ("did you mean"), or null. */
    suggest(word, candidates) {
      expectString(word, 'word');
      if (!Array.isArray(candidates) || !candidates.every((c) => typeof c === 'string')) {
        throw new TypeError('candidates must be an array of strings');
      }
      return call('suggest', json({ word, candidates }));
    },

    /** Whether `report` has an unapproved finding at or above `failOn` (one of `thresholds()`). */
    failsAt(report, failOn = 'high') {
      expectString(failOn, 'failOn');
      return call('failsAt', asJson(report, 'report'), json(failOn));
    },
  };
}
