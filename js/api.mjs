// The API over the WASM glue, shared by the Node entries (index.mjs, and index.cjs built from it)
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

function expectString(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
}

function expectOptions(options, known, what) {
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

// How findings name a migration folder's files. Mirrors `MigrationsInput::folder` and
// `sql_file` in src/project.rs (tests/js/api.test.cjs checks that the code frames find them).
function folderOf(dir, name) {
  const prefix = (dir ?? '').replace(/\/+$/, '');
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** The file texts of a migrations input, by the names findings use. */
export function sourcesOf(input) {
  const sources = {};
  for (const migration of input.migrations) {
    const folder = folderOf(input.dir, migration.name);
    // A finding about the folder itself points into its name.
    sources[folder] = migration.name;
    if (typeof migration.sql === 'string') sources[`${folder}/migration.sql`] = migration.sql;
  }
  return sources;
}

export function createApi(glue) {
  return {
    /** Check one migration's SQL. */
    checkSql(sql, options) {
      expectString(sql, 'sql');
      const { file = 'migration.sql' } = expectOptions(options, ['file'], 'checkSql options');
      expectString(file, 'options.file');
      return remember(glue.checkSql(sql, file), { [file]: sql });
    },

    /** Check a migrations folder given as plain data (see `MigrationsInput`). */
    checkMigrationsInput(input) {
      return remember(glue.checkMigrations(input), sourcesOf(input));
    },

    /** Every rule's metadata. */
    rules() {
      return glue.rules();
    },

    /** The output formats `render` accepts. */
    formats() {
      return glue.formats();
    },

    /** A report as text (a code frame per finding) or JSON. */
    render(report, format = 'text', options) {
      const { color = false, sources } = expectOptions(options, ['color', 'sources'], 'render options');
      return glue.render(report, format, { color: Boolean(color), sources: sources ?? remembered.get(report) ?? {} });
    },

    /** A rule's metadata as text; throws for an unknown id. */
    explain(id, options) {
      expectString(id, 'rule id');
      const { color = false } = expectOptions(options, ['color'], 'explain options');
      return glue.explain(id, Boolean(color));
    },

    /** Whether `report` has an unapproved finding at or above `failOn` (`high`, `medium`, `low`, `never`). */
    failsAt(report, failOn = 'high') {
      return glue.failsAt(report, failOn);
    },
  };
}
