// The shared corpus as the benchmark sees it, and the in-memory throughput input built from it.
// benches/throughput.rs builds the same input the same way (same order, same joiner), so the native
// and WASM figures are over identical text; bench.mjs checks that their counts agree.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Between two concatenated files (see benches/throughput.rs). */
const JOINER = '\n;\n';

/** Every `migration.sql` under `dir`, as paths relative to it. */
function migrationFiles(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(path).isDirectory()) found.push(...migrationFiles(path, relative));
    else if (name === 'migration.sql') found.push(relative);
  }
  return found;
}

/** Byte order of UTF-8, as Rust sorts `&[u8]` (JS's default sort compares UTF-16 code units). */
function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The corpus: its project folders (each a Prisma migrations folder) and every migration file,
 * `files` in byte order of the path relative to `root`.
 */
export function readCorpus(root) {
  const files = migrationFiles(root)
    .sort(byteOrder)
    .map((relative) => {
      const path = join(root, relative);
      return { relative, path, bytes: statSync(path).size };
    });
  if (files.length === 0) throw new Error(`no migration.sql under ${root}`);
  const projects = [...new Set(files.map((file) => file.relative.split('/')[0]))].map((name) => {
    const own = files.filter((file) => file.relative.startsWith(`${name}/`));
    return { name, dir: join(root, name), files: own, bytes: own.reduce((sum, file) => sum + file.bytes, 0) };
  });
  return { root, files, projects, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

/** The corpus texts repeated in order until their total size reaches `target` bytes. */
export function repeatTo(corpus, target) {
  const texts = corpus.files.map((file) => readFileSync(file.path, 'utf8'));
  const picked = [];
  let total = 0;
  for (let i = 0; total < target; i = (i + 1) % texts.length) {
    picked.push(texts[i]);
    total += Buffer.byteLength(texts[i]);
  }
  return { pieces: picked, whole: picked.join(JOINER), piecesBytes: total };
}

/** The statistic every figure of the benchmark reports. */
export function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
