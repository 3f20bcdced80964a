#!/usr/bin/env node
// migration-lint's command line. Only argv, files and output here: checking and rendering happen in
// the WASM core. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { checkMigrationsInput, checkSql, explain, failsAt, formats, render, rules } from './index.mjs';
import { displayPath, InputError, readMigrationsDir, readText } from './files.mjs';

const DEFAULT_DIRS = ['prisma/migrations', 'packages/database/prisma/migrations'];
const FAIL_ON = ['high', 'medium', 'low', 'never'];

const USAGE = `Usage: migration-lint check-destructive [DIR|FILE] [options]
       migration-lint --explain RULE

Checks Prisma Migrate migrations (DIR/<name>/migration.sql) for destructive changes.
DIR defaults to ${DEFAULT_DIRS[0]}, or ${DEFAULT_DIRS[1]} from a workspace root.
A FILE argument checks that one .sql file.

Options:
  --format FORMAT    output format: ${formats().join(', ')} (default: text)
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL: ${FAIL_ON.join(', ')} (default: high)
  --explain RULE     print what RULE checks, why, and what to do instead
  --color            colour the text output even when not on a terminal
  --no-color         never colour (NO_COLOR is respected too)
  -h, --help         print this help
  -v, --version      print the version

Exit codes: 0 no findings at or above --fail-on, 1 some, 2 usage or input error.
`;

class UsageError extends Error {}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        explain: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    const option = /'(-[^']*)'/.exec(error.message)?.[1];
    switch (error.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`unknown option ${option ?? ''}`.trim());
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(option ? `option ${option.split(/[ ,]/)[0]} needs a value` : error.message);
      default:
        throw new UsageError(error.message);
    }
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!formats().includes(format)) {
    throw new UsageError(`unknown --format ${format}: expected one of ${formats().join(', ')}`);
  }
  const failOn = values['fail-on'] ?? 'high';
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`unknown --fail-on ${failOn}: expected one of ${FAIL_ON.join(', ')}`);
  }
  return { values, positionals, format, failOn };
}

function useColor(values, format) {
  if (format !== 'text' || values['no-color']) return false;
  if (values.color) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
}

function version() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return `migration-lint ${manifest.version}\n`;
}

function explainRule(id, format, color) {
  const meta = rules().find((rule) => rule.id === id);
  if (!meta) {
    const ids = rules().map((rule) => rule.id);
    throw new UsageError(`unknown rule ${id}: expected one of ${ids.join(', ')}`);
  }
  return format === 'json' ? `${JSON.stringify(meta, null, 2)}\n` : explain(id, { color });
}

function defaultTarget() {
  const found = DEFAULT_DIRS.find((dir) => existsSync(dir));
  if (!found) {
    throw new InputError(
      `no migrations folder: neither ${DEFAULT_DIRS.join(' nor ')} exists here; pass the folder as an argument`,
      DEFAULT_DIRS[0],
    );
  }
  return found;
}

/** Read and check the folder or file at `target`; every problem reading it is an InputError. */
function check(target) {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new InputError(`no such file or folder: ${target}`, target);
  }
  if (stats.isFile()) {
    if (!target.endsWith('.sql')) throw new InputError(`not a .sql file or a migrations folder: ${target}`, target);
    return checkSql(readText(target), { file: displayPath(target) });
  }
  const input = readMigrationsDir(target);
  if (input.migrations.length === 0) {
    throw new InputError(`no migrations in ${target}: expected folders like ${input.dir}/<timestamp>_<name>/migration.sql`, target);
  }
  const missing = input.migrations.find((migration) => migration.sql === null);
  if (missing) {
    throw new InputError(`${input.dir}/${missing.name} has no migration.sql`, `${input.dir}/${missing.name}`);
  }
  return checkMigrationsInput(input);
}

function run(argv) {
  const { values, positionals, format, failOn } = parse(argv);
  const color = useColor(values, format);
  if (values.help) return { out: USAGE, code: 0 };
  if (values.version) return { out: version(), code: 0 };
  if (values.explain !== undefined) return { out: explainRule(values.explain, format, color), code: 0 };

  const [command, target, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (command !== 'check-destructive') throw new UsageError(`unknown command ${command}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}: give one folder or file`);

  const report = check(target ?? defaultTarget());
  return { out: render(report, format, { color }), code: failsAt(report, failOn) ? 1 : 0 };
}

function main() {
  let result;
  try {
    result = run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`migration-lint: ${error.message}\nRun migration-lint --help for usage.\n`);
    } else if (error instanceof InputError) {
      process.stderr.write(`migration-lint: ${error.message}\n`);
    } else {
      process.stderr.write(`migration-lint: internal error: ${error?.stack ?? error}\n`);
    }
    process.exitCode = 2;
    return;
  }
  // exitCode rather than exit(): a large report written to a pipe is flushed before Node exits.
  process.stdout.write(result.out);
  process.exitCode = result.code;
}

main();
