// The TypeScript declarations compile for ESM, CJS and browser users, and reject misuse (each
// `@ts-expect-error` in the fixtures must meet an error, or tsc fails).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ROOT } = require('./helpers.cjs');

test('tsc accepts the usage fixtures against the published types', () => {
  const tsc = path.join(ROOT, 'node_modules/.bin/tsc');
  const result = spawnSync(tsc, ['-p', path.join(__dirname, 'types/tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});
