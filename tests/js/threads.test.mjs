// checkSql called from four worker threads at once (each thread has its own module instance):
// every thread's reports are the reports of the main thread, for the same migrations.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import * as api from '../../js/index.mjs';
import helpers from './helpers.cjs';

const { ROOT, EXAMPLES } = helpers;

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.api).then((api) => {
    const reports = [];
    for (let round = 0; round < workerData.rounds; round++) {
      for (const [file, sql] of workerData.files) reports.push(JSON.stringify(api.checkSql(sql, { file })));
    }
    parentPort.postMessage(reports);
  });
`;

test('four threads checking at once give the reports one thread gives', async () => {
  // The example migrations and a slice of the shared corpus, when it is there.
  const dirs = [EXAMPLES];
  const corpus = path.join(ROOT, '../shared/corpus/formbricks__formbricks');
  if (fs.existsSync(corpus)) dirs.push(corpus);
  const files = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).sort().slice(0, 60)) {
      const file = path.join(dir, name, 'migration.sql');
      if (fs.existsSync(file)) files.push([path.relative(ROOT, file), fs.readFileSync(file, 'utf8')]);
    }
  }
  expect(files.length).toBeGreaterThan(5);
  const rounds = 3;
  const expected = [];
  for (let round = 0; round < rounds; round++) {
    for (const [file, sql] of files) expected.push(JSON.stringify(api.checkSql(sql, { file })));
  }
  const apiUrl = new URL('../../js/index.mjs', import.meta.url).href;
  const results = await Promise.all(
    [0, 1, 2, 3].map(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(WORKER, { eval: true, workerData: { api: apiUrl, files, rounds } });
          worker.once('message', (reports) => {
            resolve(reports);
            worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  for (const reports of results) {
    expect(reports.length).toBe(expected.length);
    expect(reports).toEqual(expected);
  }
});
