// In-process figures of the WASM build under Node, one phase per fresh process (bench.mjs runs each
// phase several times): what loading costs, what the first call costs, and the throughput after.
//
//   node bench/wasm.mjs load CORPUS                 import of the package, then a first and second checkSql on one file
//   node bench/wasm.mjs parts                       compiling and instantiating the module, apart
//   node bench/wasm.mjs throughput CORPUS MB REPS [SHAPES]
//                                                   checkSql over MB megabytes, as benches/throughput.rs
//                                                   (SHAPES: `whole,files` by default)
//   node bench/wasm.mjs file PATH                   one checkSql call over one (large) file
//
// Prints one JSON object. Times in milliseconds.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { median, readCorpus, repeatTo } from './corpus.mjs';

const WASM = new URL('../pkg/migration_lint_bg.wasm', import.meta.url);

function timed(run) {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

async function load(corpusRoot) {
  const start = performance.now();
  const api = await import('../js/index.mjs');
  const importMs = performance.now() - start;
  // A typical migration: the corpus file closest to the median size.
  const files = readCorpus(corpusRoot).files.slice().sort((a, b) => a.bytes - b.bytes);
  const sample = files[Math.floor(files.length / 2)];
  const sql = readFileSync(sample.path, 'utf8');
  const first = timed(() => api.checkSql(sql, { file: sample.relative }));
  const second = timed(() => api.checkSql(sql, { file: sample.relative }));
  return { importMs, sampleBytes: sample.bytes, firstCallMs: first.ms, secondCallMs: second.ms };
}

async function parts() {
  const glue = await import('../pkg/migration_lint.js');
  const bytes = readFileSync(WASM);
  const compiled = timed(() => new WebAssembly.Module(bytes));
  const instantiated = timed(() => glue.initSync({ module: compiled.value }));
  return { compileMs: compiled.ms, instantiateMs: instantiated.ms };
}

/** Same shapes as benches/throughput.rs: one call over everything, and one call per file. */
async function throughput(corpusRoot, megabytes, reps, only = ['whole', 'files']) {
  const { checkSql } = await import('../js/index.mjs');
  const input = repeatTo(readCorpus(corpusRoot), megabytes * 1e6);
  const count = (report) => ({ statements: report.summary.statements, findings: report.findings.length });
  const shapes = {
    whole: { bytes: Buffer.byteLength(input.whole), pass: () => count(checkSql(input.whole, { file: 'bench.sql' })) },
    files: {
      bytes: input.piecesBytes,
      pass: () => {
        const total = { statements: 0, findings: 0 };
        for (const sql of input.pieces) {
          const got = count(checkSql(sql, { file: 'migration.sql' }));
          total.statements += got.statements;
          total.findings += got.findings;
        }
        return total;
      },
    },
  };
  const result = { pieces: input.pieces.length, reps };
  for (const name of only) {
    const shape = shapes[name];
    if (!shape) throw new Error(`unknown shape ${name}: expected whole or files`);
    // The first pass is reported apart: it includes V8 compiling the code it runs for the first time.
    const runs = [];
    let counts;
    for (let i = 0; i <= reps; i++) {
      const { ms, value } = timed(shape.pass);
      runs.push(ms);
      if (counts && (counts.statements !== value.statements || counts.findings !== value.findings)) {
        throw new Error(`${name}: passes disagree: ${JSON.stringify(counts)} then ${JSON.stringify(value)}`);
      }
      counts = value;
    }
    const firstMs = runs.shift();
    result[name] = { bytes: shape.bytes, ...counts, firstMs, medianMs: median(runs), runsMs: runs };
  }
  result.maxRssKb = process.resourceUsage().maxRSS;
  return result;
}

/** One checkSql call over the file at `path`: time, counts, and the process's peak RSS. */
async function file(path) {
  const api = await import('../js/index.mjs');
  const sql = readFileSync(path, 'utf8');
  const { ms, value } = timed(() => api.checkSql(sql, { file: 'migration.sql' }));
  const report = { bytes: Buffer.byteLength(sql), ms, findings: value.findings.map((f) => `${f.rule}@${f.line}:${f.column}`) };
  return { ...report, statements: value.summary.statements, maxRssKb: process.resourceUsage().maxRSS };
}

const [phase, ...args] = process.argv.slice(2);
const phases = {
  load: () => load(args[0]),
  parts: () => parts(),
  throughput: () => throughput(args[0], Number(args[1]), Number(args[2]), args[3]?.split(',')),
  file: () => file(args[0]),
};
if (!phases[phase]) {
  process.stderr.write(`usage: node bench/wasm.mjs load|parts|throughput|file ...\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await phases[phase]())}\n`);
