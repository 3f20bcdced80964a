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

// Folder inputs cross into WASM as UTF-8 JSON bytes: much faster than walking a large JS object
// or passing a string (src/wasm.rs `from_json_bytes` has the figures).
const utf8 = new TextEncoder();
function asJson(input, what) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(`${what} must be an object`);
  }
  return utf8.encode(JSON.stringify(input));
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

export function createApi(glue) {
  return {
    /** Check one migration's SQL. */
    checkSql(sql, options) {
      expectString(sql, 'sql');
      const { file = 'migration.sql' } = expectOptions(options, ['file'], 'checkSql options');
      expectString(file, 'options.file');
      return remember(JSON.parse(glue.checkSql(utf8.encode(sql), file)), { [file]: sql });
    },

    /**
     * Every check of a migrations folder given as plain data (`MigrationsInput`): the SQL, the
     * names, the order and, with `base`, the history; `config` applied.
     */
    checkMigrationsInput(input) {
      return remember(JSON.parse(glue.checkMigrations(asJson(input, 'migrations input'))), sourcesOf(input));
    },

    /** The SQL checks only (what `check-destructive` runs), over the same input. */
    checkDestructiveInput(input) {
      return remember(JSON.parse(glue.checkDestructive(asJson(input, 'migrations input'))), sourcesOf(input));
    },

    /** The order and history checks over names, texts and the base's lists (`HistoryInput`). */
    verifyOrder(input) {
      return remember(JSON.parse(glue.verifyOrder(asJson(input, 'history input'))), sourcesOf(input));
    },

    /**
     * The naming checks of one migration folder name. Options: `sql` (its migration.sql, for the
     * table rule and the suggested name), `now` (unix seconds, for the future-timestamp rule),
     * `first` (whether it is the first migration), `naming` (as the config's `naming` key).
     */
    validateName(name, options) {
      expectString(name, 'name');
      const { sql = null, now = null, first = null, naming } = expectOptions(options, NAME_OPTIONS, 'validateName options');
      return remember(glue.validateName({ name, sql, now, first }, naming), { [name]: name });
    },

    /** Validate a configuration's JSON text; throws an Error naming the bad key. */
    parseConfig(text) {
      expectString(text, 'config text');
      return glue.parseConfig(text);
    },

    /** Every rule's metadata. */
    rules() {
      return glue.rules();
    },

    /** The output formats `render` accepts. */
    formats() {
      return glue.formats();
    },

    /**
     * One run over migrations folders (each a `MigrationsInput`), as the CLI makes it: every check
     * (`command: 'check'`) or the SQL checks (`'check-destructive'`), merged and rendered in one call.
     * Returns the rendered `output` and whether it `fails` at `failOn`.
     */
    runFolders({ folders, command = 'check', format = 'text', failOn = 'high', color = false }) {
      return glue.runFolders(utf8.encode(JSON.stringify({ folders, command, format, failOn, color: Boolean(color) })));
    },

    /** Several reports (of several migrations folders) as one, as if checked together. */
    mergeReports(reports) {
      if (!Array.isArray(reports)) throw new TypeError('reports must be an array');
      const sources = Object.assign({}, ...reports.map((report) => remembered.get(report) ?? {}));
      return remember(JSON.parse(glue.mergeReports(utf8.encode(JSON.stringify(reports)))), sources);
    },

    /** A report as text (a code frame per finding) or JSON. */
    render(report, format = 'text', options) {
      const { color = false, sources } = expectOptions(options, ['color', 'sources'], 'render options');
      return glue.render(asJson(report, 'report'), format, { color: Boolean(color), sources: sources ?? framed(report) });
    },

    /** A rule's metadata as text; throws for an unknown id. */
    explain(id, options) {
      expectString(id, 'rule id');
      const { color = false } = expectOptions(options, ['color'], 'explain options');
      return glue.explain(id, Boolean(color));
    },

    /** Whether `report` has an unapproved finding at or above `failOn` (`high`, `medium`, `low`, `never`). */
    failsAt(report, failOn = 'high') {
      return glue.failsAt(asJson(report, 'report'), failOn);
    },
  };
}
