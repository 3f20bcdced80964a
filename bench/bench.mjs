// The benchmark driver (run it through bench/run.sh, which installs squawk and GNU time first).
// Measures, side by side in one run, and prints a markdown report (also written to bench/results.md):
//   1. the CLI over the whole shared corpus in fresh processes, against squawk's native binary;
//   2. checkSql in-process over 10 MB of corpus SQL, WASM (Node) against native (benches/throughput.rs);
//   3. the .wasm size and what loading it costs;
//   4. naming and order checks over 10,000 synthetic migrations with a git base branch (issue 3),
//      once the CLI has the `check` command;
//   5. issue 12's targets, each with its figure and pass or miss: the cold CLI against squawk over
//      the corpus and over the corpus ten times, a pull request's handful of migrations, checkSql's
//      throughput, the module's size and load time, the 10,000-migration run, linear scaling.
//   6. issue 14's bounds on large migrations: a 50 MB file of 500-row INSERTs and a 16 MB single
//      INSERT (beside the same 16 MB as 500-row INSERTs), through the CLI and checkSql in WASM.
// Every figure is the median of --reps runs (default 5), after one untimed warm-up run.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { median, readCorpus } from './corpus.mjs';
import { syntheticRepo } from './synthetic.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CORPUS = '../shared/corpus';
const SQUAWK = 'bench/.venv/bin/squawk';
const WASM = 'pkg/migration_lint_bg.wasm';
const THROUGHPUT_MB = 10;

const { values: options } = parseArgs({
  options: { reps: { type: 'string', default: '5' }, out: { type: 'string', default: 'bench/results.md' } },
});
const REPS = Number(options.reps);
if (!Number.isInteger(REPS) || REPS < 1) throw new Error(`--reps must be a positive integer, got ${options.reps}`);
process.chdir(ROOT);
const scratch = mkdtempSync(join(tmpdir(), 'migration-lint-bench-'));

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/**
 * Run one process to completion with stdout into a file: wall time (ms, measured here around the
 * spawn), peak RSS (KB, GNU time's %M: the child's maximum resident set), exit code, stdout.
 */
function measure(command, args, { env, cwd } = {}) {
  const outPath = join(scratch, 'stdout');
  const rssPath = join(scratch, 'rss');
  const out = openSync(outPath, 'w');
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssPath, command, ...args], {
    stdio: ['ignore', out, 'pipe'],
    env: env ?? process.env,
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  closeSync(out);
  if (result.error) throw result.error;
  const rssKb = Number(readFileSync(rssPath, 'utf8').trim().split('\n').pop());
  return { ms, rssKb, code: result.status, stdout: readFileSync(outPath, 'utf8'), stderr: result.stderr.toString() };
}

/**
 * "Cold" runs: every invocation of a configuration is a fresh process (runtime start, module load,
 * reading the files, checking, output), run one after another; the OS file cache is warm (one
 * untimed warm-up of each first). The configurations take turns, one repetition each per round, so
 * a change in the machine's load hits them alike. Per configuration: the median total wall time,
 * the largest peak RSS, and the warm-up's outputs.
 */
function coldRuns(configurations) {
  const once = ({ invocations, accept }) => {
    let ms = 0;
    let rssKb = 0;
    const outputs = [];
    for (const [command, args, env] of invocations) {
      const run = measure(command, args, { env });
      if (!accept(run.code)) {
        throw new Error(`${command} ${args.slice(0, 3).join(' ')} ... exited ${run.code}: ${run.stderr.slice(0, 500)}`);
      }
      ms += run.ms;
      rssKb = Math.max(rssKb, run.rssKb);
      outputs.push(run.stdout);
    }
    return { ms, rssKb, outputs };
  };
  const warm = configurations.map(once);
  const runs = configurations.map(() => []);
  for (let rep = 0; rep < REPS; rep++) {
    configurations.forEach((configuration, i) => runs[i].push(once(configuration)));
  }
  return configurations.map((configuration, i) => ({
    key: configuration.key,
    label: configuration.label,
    ms: median(runs[i].map((r) => r.ms)),
    rssKb: Math.max(...runs[i].map((r) => r.rssKb)),
    outputs: warm[i].outputs,
  }));
}

const ours = (command, dirs, { nodeFlags = [], format = 'json', env } = {}) => [
  'node',
  [...nodeFlags, 'js/cli.js', command, ...dirs, '--format', format, '--fail-on', 'never'],
  env,
];

/**
 * The CLI runs WASM on V8's baseline compiler alone (js/startup.mjs) unless told to keep V8's
 * defaults; the bench shows both. Before the CLI did so, `node --liftoff-only` was the experiment.
 */
function tieringConfiguration(groups, shape) {
  const startup = 'js/startup.mjs';
  if (existsSync(startup) && readFileSync(startup, 'utf8').includes('MIGRATION_LINT_V8_DEFAULTS')) {
    return {
      label: `check-destructive with V8's default tiering (\`MIGRATION_LINT_V8_DEFAULTS=1\`), json (${shape})`,
      invocations: groups.map((g) => ours('check-destructive', g, { env: { ...process.env, MIGRATION_LINT_V8_DEFAULTS: '1' } })),
    };
  }
  return {
    label: `experiment: \`node --liftoff-only\` check-destructive, json (${shape})`,
    invocations: groups.map((g) => ours('check-destructive', g, { nodeFlags: ['--liftoff-only'] })),
  };
}

/** Whether the CLI takes several folders in one run (a usage error, exit 2, says it does not). */
function cliTakesSeveralDirs(corpus) {
  const [command, args] = ours('check-destructive', corpus.projects.slice(0, 2).map((p) => p.dir));
  return measure(command, args).code !== 2;
}

function cliHasCheck(corpus) {
  const [command, args] = ours('check', [corpus.projects[0].dir]);
  const run = measure(command, args);
  return run.code !== 2 || !/unknown command/.test(run.stderr);
}

function statementsOf(outputs) {
  return outputs.reduce((sum, out) => sum + JSON.parse(out).summary.statements, 0);
}

function machine() {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model;
  const version = (command, args) => execFileSync(command, args, { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'js', 'pkg', 'Cargo.toml'], {
    encoding: 'utf8',
  }).trim();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    // Other work on the machine skews every figure: the 1-minute load average when the run began.
    load: loadavg()[0].toFixed(2),
    nproc: version('nproc', []),
    cpu: cpuModel,
    node: process.version,
    rustc: version('rustc', ['--version']),
    squawk: version(SQUAWK, ['--version']),
    commit: version('git', ['rev-parse', '--short', 'HEAD']) + (dirty ? ' (with uncommitted changes)' : ''),
  };
}

// ---- 1. The CLI over the corpus, cold, against squawk ----

function cliSection(corpus) {
  const several = cliTakesSeveralDirs(corpus);
  const dirs = corpus.projects.map((p) => p.dir);
  // One process for everything when the CLI takes several folders; otherwise one per project.
  const groups = several ? [dirs] : dirs.map((dir) => [dir]);
  const shape = several ? '1 process' : `${groups.length} processes, one per project, summed`;
  const ourExit = (code) => code !== 2;
  const squawkExit = (code) => code === 0 || code === 1;
  const hasCheck = cliHasCheck(corpus);
  const files = corpus.files.map((f) => f.path);
  const configurations = [
    {
      label: `migration-lint check-destructive, json (${shape})`,
      invocations: groups.map((g) => ours('check-destructive', g)),
      accept: ourExit,
    },
    {
      label: `migration-lint check-destructive, text, piped (${shape})`,
      invocations: groups.map((g) => ours('check-destructive', g, { format: 'text' })),
      accept: ourExit,
    },
    ...(hasCheck
      ? [
          {
            key: 'check',
            label: `migration-lint check (all checks), json (${shape})`,
            invocations: groups.map((g) => ours('check', g)),
            accept: ourExit,
          },
        ]
      : []),
    // What V8 spends tiering the WASM code up to optimized code in a short-lived process.
    { ...tieringConfiguration(groups, shape), accept: ourExit },
    {
      label: 'squawk, json reporter (1 process, all files)',
      invocations: [[SQUAWK, ['--reporter', 'json', ...files]]],
      accept: squawkExit,
    },
    { label: 'squawk, tty reporter, piped (1 process, all files)', invocations: [[SQUAWK, files]], accept: squawkExit },
    ...(several
      ? []
      : [
          {
            label: `squawk, json reporter (${shape})`,
            invocations: corpus.projects.map((p) => [SQUAWK, ['--reporter', 'json', ...p.files.map((f) => f.path)]]),
            accept: squawkExit,
          },
        ]),
  ];
  log(`CLI and squawk over the corpus: ${configurations.length} configurations, taking turns`);
  const rows = coldRuns(configurations);
  const [destructive] = rows;
  const check = rows.find((r) => r.key === 'check') ?? null;
  const statements = statementsOf(destructive.outputs);

  const lines = [
    `| run | wall (median) | files/s | statements/s | MB/s | peak RSS |`,
    `|---|---:|---:|---:|---:|---:|`,
    ...rows.map((r) => {
      const seconds = r.ms / 1000;
      // Every row read the same files: statements/s uses our count for squawk too.
      const perSecond = Math.round(statements / seconds).toLocaleString('en-US');
      return `| ${r.label} | ${(seconds).toFixed(3)} s | ${Math.round(corpus.files.length / seconds).toLocaleString('en-US')} | ${perSecond} | ${(corpus.bytes / 1e6 / seconds).toFixed(2)} | ${(r.rssKb / 1024).toFixed(0)} MB |`;
    }),
  ];
  const growth = check ? `\`check\` over \`check-destructive\`: ${(((check.ms - destructive.ms) / destructive.ms) * 100).toFixed(1)}% more wall time (target: under 10%).` : '`check` (all checks, issue 3) is not in the CLI yet: not measured.';
  const squawkJson = rows.find((r) => r.label.startsWith('squawk, json reporter (1 process'));
  return {
    several,
    ours: destructive,
    squawk: squawkJson,
    markdown: [
      `Corpus: ${corpus.files.length} \`migration.sql\` files in ${corpus.projects.length} project folders, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${statements.toLocaleString('en-US')} statements (from our JSON summary).`,
      several
        ? 'The CLI takes all project folders in one process.'
        : 'The CLI takes one migrations folder per run: it is run once per project folder and the wall times are summed (peak RSS is the largest single process). squawk is shown both ways.',
      '',
      ...lines,
      '',
      growth,
    ].join('\n'),
  };
}

// ---- 2. and 3. In-process throughput, size, loading ----

function wasmPhase(args) {
  return JSON.parse(execFileSync('node', ['bench/wasm.mjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

function nativeThroughput() {
  const out = execFileSync(
    'cargo',
    ['bench', '--quiet', '--bench', 'throughput', '--', '--json', '--corpus', CORPUS, '--mb', String(THROUGHPUT_MB), '--reps', String(REPS)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

function throughputSection() {
  log(`in-process throughput over ${THROUGHPUT_MB} MB, native`);
  const native = nativeThroughput();
  log(`in-process throughput over ${THROUGHPUT_MB} MB, WASM in Node`);
  const wasm = wasmPhase(['throughput', CORPUS, String(THROUGHPUT_MB), String(REPS)]);
  const rows = [];
  const notes = [];
  for (const shape of ['files', 'whole']) {
    const n = native[shape];
    const w = wasm[shape];
    if (n.statements !== w.statements || n.findings !== w.findings) {
      notes.push(`**Mismatch** (${shape}): native ${n.statements} statements / ${n.findings} findings, WASM ${w.statements} / ${w.findings}.`);
    }
    const label = shape === 'files' ? `one call per file (${wasm.pieces.toLocaleString('en-US')} calls)` : 'one call over the whole string';
    for (const [side, t] of [['native', n], ['WASM (Node)', w]]) {
      const seconds = t.medianMs / 1000;
      rows.push(
        `| ${label} | ${side} | ${(t.bytes / 1e6).toFixed(1)} MB | ${t.firstMs.toFixed(0)} ms | ${t.medianMs.toFixed(0)} ms | ${(t.bytes / 1e6 / seconds).toFixed(1)} | ${Math.round(t.statements / seconds).toLocaleString('en-US')} |`,
      );
    }
  }
  const perFile = { native: native.files.bytes / 1e6 / (native.files.medianMs / 1000), wasm: wasm.files.bytes / 1e6 / (wasm.files.medianMs / 1000) };
  return { perFile, markdown: [
    `Input: the corpus files in path order, repeated to ${THROUGHPUT_MB} MB and built in memory (${wasm.pieces.toLocaleString('en-US')} pieces, ${wasm.files.statements.toLocaleString('en-US')} statements). "First" is the first call in a fresh process (for WASM it includes V8 compiling the code on first use); the median is over the ${REPS} calls after it. WASM peak RSS of that process: ${(wasm.maxRssKb / 1024).toFixed(0)} MB.`,
    '',
    '| shape | side | input | first call | median | MB/s | statements/s |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n') };
}

function sizeSection(corpusRoot) {
  const raw = statSync(WASM).size;
  const gzipped = execFileSync('gzip', ['-9', '-c', WASM], { maxBuffer: 1 << 26 }).length;
  log('module load and first call, fresh processes');
  const loads = Array.from({ length: REPS }, () => wasmPhase(['load', corpusRoot]));
  const parts = Array.from({ length: REPS }, () => wasmPhase(['parts']));
  const m = (list, key) => median(list.map((x) => x[key])).toFixed(1);
  return { gzipped, importMs: median(loads.map((x) => x.importMs)), markdown: [
    `| what | figure |`,
    `|---|---:|`,
    `| \`${WASM}\` raw | ${(raw / 1024).toFixed(0)} KB (${raw.toLocaleString('en-US')} bytes) |`,
    `| gzipped (\`gzip -9\`) | ${(gzipped / 1024).toFixed(0)} KB (${gzipped.toLocaleString('en-US')} bytes) |`,
    `| \`new WebAssembly.Module(bytes)\` (compile) | ${m(parts, 'compileMs')} ms |`,
    `| instantiate (\`initSync\` with the compiled module) | ${m(parts, 'instantiateMs')} ms |`,
    `| \`import('js/index.mjs')\` (read + compile + instantiate) | ${m(loads, 'importMs')} ms |`,
    `| first \`checkSql\` on a median-size file (${loads[0].sampleBytes} bytes) | ${m(loads, 'firstCallMs')} ms |`,
    `| second \`checkSql\` on the same file | ${m(loads, 'secondCallMs')} ms |`,
  ].join('\n') };
}

// ---- 4. Issue 3's speed: 10,000 synthetic migrations with a git base branch ----

function syntheticSection(corpus, hasCheck) {
  if (!hasCheck) return { seconds: null, markdown: '`check` (naming and order, issue 3) is not in the CLI yet: not measured.' };
  log('10,000 synthetic migrations in a git repository');
  const repo = syntheticRepo(join(scratch, 'synthetic'), 10_000);
  const cli = join(ROOT, 'js/cli.js');
  const help = spawnSync('node', [cli, '--help'], { encoding: 'utf8' }).stdout;
  const withBase = /--base\b/.test(help);
  const withAll = /--all\b/.test(help);
  const base = withBase ? ['--base', repo.base] : [];
  // With a base, SQL and names are checked for new migrations only unless --all: time both.
  const variants = [
    { label: `\`check${withBase ? ` --base ${repo.base}` : ''}\``, args: base },
    ...(withBase && withAll ? [{ label: `\`check --base ${repo.base} --all\``, args: [...base, '--all'] }] : []),
  ];
  const seconds = [];
  const rows = variants.map(({ label, args }) => {
    const argv = [cli, 'check', repo.migrations, '--format', 'json', '--fail-on', 'never', ...args];
    const runs = Array.from({ length: REPS + 1 }, () => {
      const run = measure('node', argv, { cwd: repo.dir });
      if (run.code === 2) throw new Error(`check on the synthetic repo exited 2: ${run.stderr.slice(0, 500)}`);
      return run;
    });
    const report = JSON.parse(runs.shift().stdout);
    const byCategory = {};
    for (const f of report.findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    const found = Object.entries(byCategory).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    const wall = median(runs.map((r) => r.ms)) / 1000;
    seconds.push(wall);
    const rssMb = Math.max(...runs.map((r) => r.rssKb)) / 1024;
    return `| ${label} | **${wall.toFixed(3)} s** | ${rssMb.toFixed(0)} MB | ${report.summary.files.toLocaleString('en-US')} | ${found} |`;
  });
  return { seconds: seconds[0], markdown: [
    `A temporary git repository with ${repo.count.toLocaleString('en-US')} migrations: ${repo.onBase.toLocaleString('en-US')} on \`${repo.base}\`, ${repo.onBranch} added on a feature branch (checked out), and \`${repo.base}\` moved on by ${repo.baseGained} after the branch forked. Fresh process each run, median of ${REPS}; target: under 1 s.${withBase ? '' : ' **The CLI does not take `--base` yet: no history.**'}`,
    '',
    '| command | wall (median) | peak RSS | SQL files checked | findings |',
    '|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n') };
}

// ---- 5. Issue 12's targets ----

/**
 * The corpus `times` times over, as folders of symbolic links (one per project and copy) in the
 * scratch folder: the same bytes, read through the same code, `times` times as many.
 */
function scaledCorpus(corpus, times) {
  const root = join(scratch, `corpus-x${times}`);
  mkdirSync(root, { recursive: true });
  const dirs = [];
  const files = [];
  for (let copy = 0; copy < times; copy++) {
    for (const project of corpus.projects) {
      const dir = join(root, `${copy}-${project.name}`);
      symlinkSync(join(ROOT, project.dir), dir);
      dirs.push(dir);
      for (const file of project.files) files.push(join(dir, file.relative.slice(project.name.length + 1)));
    }
  }
  return { dirs, files, bytes: corpus.bytes * times };
}

/** Cold CLI against squawk over the corpus ten times: wall, peak RSS and the ratio. */
function scaledSection(corpus) {
  log('CLI and squawk over the corpus ten times');
  const x10 = scaledCorpus(corpus, 10);
  const [ours10, squawk10] = coldRuns([
    { label: 'migration-lint check-destructive, json (1 process)', invocations: [ours('check-destructive', x10.dirs)], accept: (c) => c !== 2 },
    { label: 'squawk, json reporter (1 process)', invocations: [[SQUAWK, ['--reporter', 'json', ...x10.files]]], accept: (c) => c === 0 || c === 1 },
  ]);
  const row = (r) => `| ${r.label} | ${(r.ms / 1000).toFixed(3)} s | ${(x10.bytes / 1e6 / (r.ms / 1000)).toFixed(2)} | ${(r.rssKb / 1024).toFixed(0)} MB |`;
  return {
    ours: ours10,
    squawk: squawk10,
    markdown: [
      `${x10.files.length.toLocaleString('en-US')} files, ${(x10.bytes / 1e6).toFixed(1)} MB: every project folder ten times (symbolic links), in one process each.`,
      '',
      '| run | wall (median) | MB/s | peak RSS |',
      '|---|---:|---:|---:|',
      row(ours10),
      row(squawk10),
    ].join('\n'),
  };
}

/** A pull request's handful: `check` over examples/prisma/migrations, cold, beside Node's own start. */
function handfulSection() {
  log('a pull request\'s handful of migrations, cold');
  const [check, node] = coldRuns([
    { label: '`migration-lint check examples/prisma/migrations`', invocations: [ours('check', ['examples/prisma/migrations'], { format: 'text' })], accept: (c) => c !== 2 },
    { label: '`node -e 0` (Node\'s own start)', invocations: [['node', ['-e', '0']]], accept: (c) => c === 0 },
  ]);
  return { check, node };
}

/** checkSql in WASM over 1, 4 and 16 times the corpus (one call per file): time per MB. */
function linearSection(corpus) {
  log('linear scaling: 1x, 4x, 16x the corpus through checkSql');
  const mb = corpus.bytes / 1e6;
  return [1, 4, 16].map((times) => {
    const run = wasmPhase(['throughput', CORPUS, String(mb * times), String(REPS), 'files']);
    return { times, bytes: run.files.bytes, msPerMb: run.files.medianMs / (run.files.bytes / 1e6) };
  });
}

function targetsSection({ cli, scaled, handful, throughput, size, synthetic, linear }) {
  const ratio = (a, b) => a.ms / b.ms;
  const rows = [];
  const target = (what, figure, goal, pass) => rows.push(`| ${what} | ${figure} | ${goal} | ${pass ? 'pass' : '**miss**'} |`);
  const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
  for (const [name, r] of [['corpus', cli], ['corpus x10', scaled]]) {
    const x = ratio(r.ours, r.squawk);
    target(`cold CLI over the ${name}, wall against squawk`, `${(r.ours.ms / 1000).toFixed(3)} s / ${(r.squawk.ms / 1000).toFixed(3)} s = ${x.toFixed(2)}x`, 'at most 1.0x', x <= 1);
    target(`cold CLI over the ${name}, peak RSS`, mb(r.ours.rssKb), 'under 100 MB', r.ours.rssKb < 100 * 1024);
  }
  target('a pull request\'s handful (`check`, the 6 migrations of examples/)', `${handful.check.ms.toFixed(0)} ms (Node alone: ${handful.node.ms.toFixed(0)} ms)`, 'under 80 ms', handful.check.ms < 80);
  target('`checkSql` in WASM, one call per file', `${throughput.perFile.wasm.toFixed(1)} MB/s`, 'at least 25 MB/s', throughput.perFile.wasm >= 25);
  target('`check_sql` native, one call per file', `${throughput.perFile.native.toFixed(1)} MB/s`, 'at least 40 MB/s', throughput.perFile.native >= 40);
  target('`.wasm` gzipped', `${(size.gzipped / 1024).toFixed(0)} KB`, 'at most 600 KB', size.gzipped <= 600 * 1024);
  target('module load (`import` of the package)', `${size.importMs.toFixed(1)} ms`, 'under 20 ms', size.importMs < 20);
  if (synthetic.seconds !== null) target('10,000 migrations, `check --base`', `${synthetic.seconds.toFixed(3)} s`, 'under 1 s', synthetic.seconds < 1);
  const perMb = linear.map((l) => l.msPerMb);
  const spread = Math.max(...perMb) / Math.min(...perMb) - 1;
  target('linear: time per MB at 1x, 4x, 16x the corpus', `${linear.map((l) => `${l.msPerMb.toFixed(1)}`).join(' / ')} ms/MB (spread ${(spread * 100).toFixed(0)}%)`, 'within 10%', spread <= 0.1);
  return ['| target | figure | goal | |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * Large migrations (issue 14): seed data as a 50 MB file of 500-row INSERTs, and 16 MB as one
 * INSERT and as 500-row INSERTs, each followed by a DELETE without WHERE and a DROP TABLE (which
 * must be found, at the same lines, whatever the shape). Cold CLI (`check FILE`, json) and one
 * checkSql call in WASM: wall, MB/s, peak RSS against the bound (4x the file + 100 MB), and the
 * single statement's throughput against the split one's (within 1.5x).
 */
function largeSection() {
  log('large migrations: 50 MB of INSERTs, 16 MB as one INSERT and as many');
  const head = 'INSERT INTO "User" ("id", "email", "name", "score", "createdAt") VALUES\n';
  const row = (i) => `  (${i}, 'user${i}@example.com', 'Name ${i}', ${(i * 7919) % 100000}, '2024-01-01')`;
  const write = (name, target, perStatement) => {
    const parts = [];
    let bytes = 0;
    let i = 0;
    while (bytes < target) {
      const rows = [];
      for (let n = 0; n < perStatement && bytes < target; n++, i++) {
        const text = row(i);
        rows.push(text);
        bytes += text.length + 2;
      }
      parts.push(`${head}${rows.join(',\n')};\n`);
    }
    parts.push('DELETE FROM "Session";\nDROP TABLE "Old";\n');
    const dir = join(scratch, 'large', name, '20250101000000_seed_users');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'migration.sql');
    writeFileSync(path, parts.join(''));
    return { name, path, bytes: statSync(path).size };
  };
  const files = [write('50 MB, 500-row INSERTs', 50e6, 500), write('16 MB, one INSERT', 16e6, Infinity), write('16 MB, 500-row INSERTs', 16e6, 500)];
  const cli = coldRuns(files.map((f) => ({ label: f.name, invocations: [ours('check', [f.path])], accept: (c) => c !== 2 })));
  const wasm = files.map((f) => {
    const runs = [0, 1, 2].map(() => wasmPhase(['file', f.path]));
    return { ms: median(runs.map((r) => r.ms)), rssKb: Math.max(...runs.map((r) => r.maxRssKb)), findings: runs[0].findings };
  });
  const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
  const bound = (f) => (4 * f.bytes) / 1024 + 100 * 1024;
  const lines = ['| input | side | wall | MB/s | peak RSS | bound (4x + 100 MB) | |', '|---|---|---:|---:|---:|---:|---|'];
  files.forEach((f, i) => {
    for (const [side, r] of [['CLI, cold', cli[i]], ['checkSql (WASM)', wasm[i]]]) {
      const pass = r.rssKb <= bound(f);
      lines.push(`| ${f.name} (${(f.bytes / 1e6).toFixed(1)} MB) | ${side} | ${(r.ms / 1000).toFixed(2)} s | ${mbps(f.bytes, r.ms).toFixed(1)} | ${(r.rssKb / 1024).toFixed(0)} MB | ${(bound(f) / 1024).toFixed(0)} MB | ${pass ? 'pass' : '**miss**'} |`);
    }
  });
  // Split throughput over single-statement throughput, for the CLI and for checkSql.
  const slower = [cli, wasm].map((runs) => mbps(files[2].bytes, runs[2].ms) / mbps(files[1].bytes, runs[1].ms));
  lines.push(
    '',
    `One 16 MB statement against the same rows as 500-row statements, how many times slower: CLI ${slower[0].toFixed(2)}x, checkSql ${slower[1].toFixed(2)}x (bound: within 1.5x: ${slower.every((x) => x <= 1.5) ? 'pass' : '**miss**'}).`,
    `Findings (checkSql, rule@line:column): ${wasm.map((w, i) => `${files[i].name}: ${w.findings.join(', ')}`).join('; ')}.`,
  );
  return lines.join('\n');
}

// ---- Report ----

function verifySection() {
  log('verify: the shared corpus applied to PGlite, one process');
  const { rows, totalMs, clone } = JSON.parse(execFileSync('node', ['bench/verify.mjs', CORPUS], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  const ms = (value) => Math.round(value).toLocaleString('en-US');
  const lines = ['| repository | migrations | failed | engine start | apply | migrations/s |', '|---|---:|---:|---:|---:|---:|'];
  for (const row of rows) {
    lines.push(`| ${row.repo} | ${row.migrations} | ${row.failed} | ${ms(row.startMs)} ms | ${ms(row.applyMs)} ms | ${ms(row.perSecond)} |`);
  }
  const migrations = rows.reduce((sum, row) => sum + row.migrations, 0);
  const applyMs = rows.reduce((sum, row) => sum + row.applyMs, 0);
  lines.push('', `All ${rows.length} repositories, ${migrations} migrations: ${ms(totalMs)} ms in all (${ms(migrations / (applyMs / 1000))} migrations/s applying). A start is PGlite's own start when the extension set changes from the folder before (here every time), else a clone of a pristine server: ${clone.repo} again, ${ms(clone.startMs)} ms.`);
  return lines.join('\n');
}

function main() {
  const corpus = readCorpus(CORPUS);
  const facts = machine();
  const cli = cliSection(corpus);
  const scaled = scaledSection(corpus);
  const handful = handfulSection();
  const throughput = throughputSection();
  const size = sizeSection(CORPUS);
  const synthetic = syntheticSection(corpus, cliHasCheck(corpus));
  const linear = linearSection(corpus);
  const large = largeSection();
  const report = [
    '# Benchmark',
    '',
    `Rerun with \`npm run bench\` (bench/run.sh; installs squawk ${facts.squawk.split(' ')[1]} from PyPI into bench/.venv). Medians of ${REPS} runs after one untimed warm-up.`,
    '',
    `Machine: ${facts.cpu}, ${facts.nproc} CPUs (nproc); Node ${facts.node}; ${facts.rustc}; ${facts.squawk}; commit ${facts.commit}; ${facts.date}; load average ${facts.load} at the start${Number(facts.load) > 0.5 ? ' (**the machine was busy: figures are pessimistic**)' : ''}.`,
    '',
    '## Targets (issue 12)',
    '',
    targetsSection({ cli, scaled, handful, throughput, size, synthetic, linear }),
    '',
    '## The CLI over the shared corpus, cold',
    '',
    '"Cold" means a fresh process for every run: runtime start, loading and compiling the WASM module (for us), reading every file, checking, writing the report; the OS file cache is warm. Wall time is measured around each process; peak RSS is GNU time\'s `%M` (the maximum resident set of the process). Output goes to a file.',
    '',
    cli.markdown,
    '',
    '## The corpus ten times, cold',
    '',
    scaled.markdown,
    '',
    `## \`checkSql\` in-process: WASM and native`,
    '',
    throughput.markdown,
    '',
    '## The `.wasm` module',
    '',
    size.markdown,
    '',
    '## `verify`: the history applied to PGlite',
    '',
    verifySection(),
    '',
    '## Naming and order over 10,000 migrations',
    '',
    synthetic.markdown,
    '',
    '## Large migrations (issue 14)',
    '',
    large,
    '',
  ].join('\n');
  writeFileSync(options.out, report);
  process.stdout.write(report);
  log(`written to ${options.out}`);
}

try {
  main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
