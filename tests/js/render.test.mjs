// The reporters through the CLI and the WASM build: the CLI's output in every format equals the
// golden files the native Rust test writes (tests/golden.rs), the SARIF output is valid against
// the official SARIF 2.1.0 schema (vendored in tests/schemas, see its README), and the shipped
// config.schema.json is a working JSON schema that accepts real configurations and rejects typos.
import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

import * as api from '../../js/index.mjs';
import helpers from './helpers.cjs';

const { ROOT, runCli } = helpers;

const GOLDEN = path.join(ROOT, 'tests/golden');
/** As tests/golden.rs names the folder: relative to the repository root, where the CLI runs. */
const FOLDER = 'tests/golden/migrations';
// The insta snapshots tests/golden.rs keeps: each format's output as a plain file.
const FILES = {
  text: 'text.snap.txt',
  compact: 'compact.snap.txt',
  json: 'json.snap.json',
  github: 'github.snap.txt',
  markdown: 'markdown.snap.md',
  sarif: 'sarif.snap.json',
};

function golden(format) {
  return fs.readFileSync(path.join(GOLDEN, FILES[format]), 'utf8');
}

describe('the CLI matches the golden files', () => {
  test('every format the core offers has a golden file', () => {
    expect(Object.keys(FILES).sort()).toEqual([...api.formats()].sort());
  });

  // At the default threshold (high), as the golden files are rendered: the open high findings say how to approve them.
  test.each(Object.keys(FILES))('--format %s', (format) => {
    const { code, stdout, stderr } = runCli(['check-destructive', FOLDER, '--format', format]);
    expect(stderr).toBe('');
    expect(stdout).toBe(golden(format));
    expect(code).toBe(1);
  });

  test('--format github, markdown and sarif still fail the run on an open high finding', () => {
    for (const format of ['github', 'markdown', 'sarif']) {
      expect(runCli(['check-destructive', FOLDER, '--format', format]).code).toBe(1);
    }
  });
});

describe('SARIF output is valid SARIF 2.1.0', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/schemas/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function expectValid(log) {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  }

  test('the vendored schema is the OASIS one the output names', () => {
    const log = JSON.parse(golden('sarif'));
    expect(schema.id).toBe(log.$schema);
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  test('the golden folder: approvals as suppressions, escaping-heavy names', () => {
    const log = JSON.parse(golden('sarif'));
    expectValid(log);
    const results = log.runs[0].results;
    expect(results.filter((result) => result.suppressions)).toHaveLength(1);
    expect(results.map((result) => result.level)).toEqual(expect.arrayContaining(['error', 'warning', 'note']));
  });

  test('a clean report, a report with no position, an external approval and an odd path', () => {
    const clean = api.checkSql('SELECT 1;', { file: 'a.sql' });
    expectValid(JSON.parse(api.render(clean, 'sarif')));

    const report = api.checkSql('DROP TABLE "a";\nALTER TABLE "b" DROP COLUMN "c";\n', { file: 'dir with space/100%#?.sql' });
    Object.assign(report.findings[0], { line: 0, column: 0, endLine: 0, endColumn: 0 });
    report.findings[1].approved = { reason: 'archived in s3', source: 'config' };
    const log = JSON.parse(api.render(report, 'sarif'));
    expectValid(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'dir%20with%20space/100%25%23%3F.sql' },
    });
    expect(log.runs[0].results[1].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'archived in s3' },
    ]);
  });

  test('the validator is not a rubber stamp', () => {
    const log = JSON.parse(golden('sarif'));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
    const paths = validate.errors.map((error) => error.instancePath);
    expect(paths).toContain('/runs/0/results/0/level');
    expect(paths).toContain('/runs/0/results/1/locations/0/physicalLocation/region/startLine');
  });
});

describe('config.schema.json', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'config.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  // Configurations shipped in the repository: every migration-lint.config.json under examples/, and
  // every "migrationLint" key of a package.json there.
  function shipped() {
    const found = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === 'migration-lint.config.json') found.push([full, JSON.parse(fs.readFileSync(full, 'utf8'))]);
        else if (entry.name === 'package.json') {
          const manifest = JSON.parse(fs.readFileSync(full, 'utf8'));
          if (manifest.migrationLint !== undefined) found.push([`${full}#migrationLint`, manifest.migrationLint]);
        }
      }
    };
    walk(path.join(ROOT, 'examples'));
    return found;
  }

  /** The configuration src/config.rs's `a_full_config_parses` reads: schema and core agree on it. */
  const FULL = {
    $schema: './node_modules/@skillancer/migration-lint/config.schema.json',
    migrations: 'prisma/migrations',
    base: 'origin/main',
    failOn: 'medium',
    rules: { 'rename-column': 'off', 'drop-index': 'high' },
    naming: { extraVerbs: ['seed'], maxLength: 50, futureToleranceMinutes: 10 },
    approvals: [{ migration: '20250101000000_drop_x', rule: 'drop-table', reason: 'backed up' }],
  };

  test('compiles in strict mode and accepts an empty and a full configuration', () => {
    expect(validate({})).toBe(true);
    expect(validate(FULL)).toBe(true);
  });

  test('accepts every configuration shipped in examples/', () => {
    for (const [file, config] of shipped()) {
      expect([file, validate(config), validate.errors]).toEqual([file, true, null]);
    }
  });

  test('rejects an unknown key, an unknown rule id and a bad level', () => {
    expect(validate({ ...FULL, failOnn: 'high' })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'failOnn' } }));
    expect(validate({ rules: { 'drop-colum': 'off' } })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'drop-colum' } }));
    expect(validate({ rules: { 'drop-column': 'critical' } })).toBe(false);
    expect(validate({ naming: { maxLenght: 50 } })).toBe(false);
  });
});
