// examples/github-actions/migration-lint.yml cannot run here. Its check job runs step by step in a
// real pnpm workspace in pnpm.test.cjs; this file checks that the YAML parses into the jobs and
// steps it promises, and runs its github-script (the comment poster) against a fake GitHub API.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const { ROOT, fakeGithub, tempDir } = require('./helpers.cjs');

const WORKFLOW = path.join(ROOT, 'examples/github-actions/migration-lint.yml');
const workflow = YAML.parse(fs.readFileSync(WORKFLOW, 'utf8'));
const { check, approve } = workflow.jobs;
const step = (id) => check.steps.find((s) => s.id === id);
// A real PR comment: the markdown reporter's snapshot (tests/golden.rs).
const REPORT = fs.readFileSync(path.join(ROOT, 'tests/golden/markdown.snap.md'), 'utf8');
const MARKER = REPORT.split('\n')[0];

describe('the workflow', () => {
  const CHANGED = "steps.changes.outputs.changed == 'true'";
  const pnpmRuns = () => check.steps.flatMap((s) => (s.run ?? '').split('\n')).filter((line) => /^\s*(if ! )?pnpm .* run /.test(line));

  test('parses, runs on every pull request (no paths filter), reads with the least permissions', () => {
    // A required check has to report on every pull request: a `paths:` filter leaves it pending forever.
    expect(workflow.on).toEqual({ pull_request: null });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(check.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('checks out the whole history, installs with pnpm, uses no third-party action', () => {
    expect(check.steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@v\d+$/), with: { 'fetch-depth': 0 } });
    expect(check.steps.some((s) => /^actions\/setup-node@v\d+$/.test(s.uses))).toBe(true);
    expect(check.steps.some((s) => /^pnpm install --frozen-lockfile$/m.test(s.run ?? ''))).toBe(true);
    const uses = [...Object.values(workflow.jobs)].flatMap((job) => job.steps).map((s) => s.uses).filter(Boolean);
    for (const action of uses) expect(action).toMatch(/^actions\//);
  });

  test('finds the changes right after the checkout, and every later step runs only when there are some', () => {
    expect(check.steps[1].id).toBe('changes');
    expect(step('changes').if).toBeUndefined();
    expect(step('changes').run).toContain('git diff --name-only "origin/$BASE_REF...HEAD" -- "${watched[@]}"');
    for (const watched of ['packages/database/prisma/migrations', 'packages/database/migration-lint.config.json']) {
      expect(step('changes').run).toContain(`\n  ${watched}\n`);
    }
    const later = check.steps.slice(2);
    expect(later.length).toBeGreaterThanOrEqual(6);
    for (const s of later) expect(s.if?.startsWith(CHANGED) ? CHANGED : s.if).toBe(CHANGED);
  });

  test('runs one script of the example, every check of it, against origin/<base branch>, with values through env', () => {
    expect(check.env.BASE_REF).toBe('${{ github.base_ref }}');
    expect(check.env.CHECK_SCRIPT).toBe('db:check-migrations');
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/pnpm-workspace/packages/database/package.json'), 'utf8'));
    expect(scripts[check.env.CHECK_SCRIPT]).toBe('migration-lint check');
    // The preflight, the markdown and json reports, the gate.
    const runs = pnpmRuns();
    expect(runs).toHaveLength(4);
    for (const line of runs) expect(line).toContain('pnpm --filter database --fail-if-no-match ');
    for (const line of runs.slice(1)) expect(line).toContain('--silent run "$CHECK_SCRIPT" --base "origin/$BASE_REF" --format ');
    expect(step('report').run).toContain('--format markdown --fail-on never > "$RUNNER_TEMP/migration-lint.md"');
    expect(step('report').run).toContain('--format json --fail-on never > "$RUNNER_TEMP/migration-lint.json"');
    expect(step('gate').run).toContain('--format github || code=$?');
    // pnpm hands a `--` on to the script, where it turns the options into paths. (git's `--`
    // before its paths is another matter.)
    const pnpmLines = check.steps.flatMap((s) => (s.run ?? '').split('\n')).filter((line) => line.includes('pnpm '));
    for (const line of pnpmLines) expect(line).not.toMatch(/ -- /);
    // No ${{ }} expression inside a script: values come in through env.
    for (const s of check.steps) expect(s.run ?? '').not.toContain('${{');
  });

  test('looks for the script out loud before the steps that run it with --silent', () => {
    const ids = check.steps.map((s) => s.id);
    expect(ids.indexOf('script')).toBeLessThan(ids.indexOf('report'));
    expect(step('script').run).not.toContain('--silent');
    expect(step('script').run).toMatch(/^\s*echo "::error /m);
  });

  test('posts the comment with the marker the markdown report starts with', () => {
    const post = check.steps.find((s) => /^actions\/github-script@v\d+$/.test(s.uses));
    expect(MARKER).toBe('<!-- migration-lint:report -->');
    expect(post.with.script).toContain(`const MARKER = '${MARKER}';`);
    expect(post.env.REPORT).toBe('${{ runner.temp }}/migration-lint.md');
    expect(post.if).toBe(`${CHANGED} && github.event.pull_request.head.repo.full_name == github.repository`);
    // The report step writes where the comment step reads.
    expect(step('report').run).toContain('> "$RUNNER_TEMP/migration-lint.md"');
  });

  test('gates in its last step, after the comment, with the exit code of migration-lint', () => {
    const post = check.steps.findIndex((s) => s.uses?.startsWith('actions/github-script@'));
    expect(check.steps.at(-1).id).toBe('gate');
    expect(post).toBe(check.steps.length - 2);
    expect(step('gate').run.trimEnd().split('\n').at(-1)).toBe('exit "$code"');
    // No step may swallow a failure.
    for (const s of [...check.steps, ...approve.steps]) expect(s['continue-on-error']).toBeUndefined();
  });

  test('asks a reviewer of an environment, optionally, when the check passed with approved findings', () => {
    expect(check.outputs).toEqual({ approved: '${{ steps.report.outputs.approved }}' });
    expect(approve).toMatchObject({ needs: 'check', if: "needs.check.outputs.approved == 'true'", environment: 'production-migrations' });
  });
});

describe('the comment script', () => {
  const script = check.steps.find((s) => s.uses?.startsWith('actions/github-script@')).with.script;
  // What actions/github-script passes to the script; an async function body, as it runs it.
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const run = new AsyncFunction('github', 'context', 'core', 'require', 'process', script);

  /** Run the script with `report` as the report file and `comments` on the pull request. */
  async function post(report, comments = []) {
    const file = path.join(tempDir(), 'migration-lint.md');
    fs.writeFileSync(file, report);
    const { github, context, core, calls, listed } = fakeGithub(comments);
    await run(github, context, core, require, { env: { REPORT: file } });
    expect(listed).toEqual([expect.objectContaining({ owner: 'skillancer', repo: 'app', issue_number: 42 })]);
    return calls;
  }

  const bot = (id, body) => ({ id, body, user: { type: 'Bot', login: 'github-actions[bot]' }, html_url: `https://github.com/c/${id}` });

  test('posts a new comment when there is none of its own', async () => {
    const human = { id: 1, body: `${MARKER}\nquoted by a person`, user: { type: 'User' } };
    expect(await post(REPORT, [human])).toEqual([['create', { owner: 'skillancer', repo: 'app', issue_number: 42, body: REPORT }]]);
  });

  test('updates its comment in place, keeping the boxes reviewers ticked', async () => {
    const old = REPORT.replace('- [ ] Tested locally', '- [x] Tested locally')
      .replace('- [ ] Team notified', '- [X] Team notified')
      .replace('2 findings need review', '3 findings need review')
      .replaceAll('\n', '\r\n'); // as GitHub stores a comment edited in the browser
    const calls = await post(REPORT, [bot(7, 'an older comment'), bot(8, old)]);
    expect(calls).toHaveLength(1);
    const [kind, { comment_id, body }] = calls[0];
    expect([kind, comment_id]).toEqual(['update', 8]);
    expect(body).toBe(REPORT.replace('- [ ] Tested locally', '- [x] Tested locally').replace('- [ ] Team notified', '- [x] Team notified'));
    expect(body).toContain('- [ ] Rollback documented');
  });

  test('leaves an up-to-date comment alone', async () => {
    const ticked = REPORT.replace('- [ ] Rollback documented', '- [x] Rollback documented');
    expect(await post(REPORT, [bot(8, ticked)])).toEqual([]);
  });

  test('cuts a report longer than a comment may be, keeping the checklist', async () => {
    const row = '| 🔴 high | `drop-column` | 9 | drops column `c` of table `User` | Expand and contract. |\n';
    const long = REPORT.replace('### Checklist', `${row.repeat(2000)}\n### Checklist`);
    expect(long.length).toBeGreaterThan(65536);
    const [[, { body }]] = await post(long);
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toContain('_The report is too long for a comment');
    expect(body.endsWith(REPORT.slice(REPORT.indexOf('\n### Checklist')))).toBe(true);
    // Whole rows only.
    expect(body.split('_The report is too long')[0].trimEnd().split('\n').pop()).toBe(row.trimEnd());
  });

  test('refuses a report without the marker (it could never be found again)', async () => {
    await expect(post('## Database Migration Review\n')).rejects.toThrow('does not start with <!-- migration-lint:report -->');
  });
});
