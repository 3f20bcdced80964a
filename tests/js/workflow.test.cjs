// examples/github-actions/migration-lint.yml cannot run here. Its shell steps run in a real pnpm
// workspace in pnpm.test.cjs; this file checks that the YAML parses into the jobs and steps it
// promises, and runs its github-script (the comment poster) against a fake GitHub API.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const { ROOT, tempDir } = require('./helpers.cjs');

const WORKFLOW = path.join(ROOT, 'examples/github-actions/migration-lint.yml');
const workflow = YAML.parse(fs.readFileSync(WORKFLOW, 'utf8'));
const { check, approve } = workflow.jobs;
const step = (id) => check.steps.find((s) => s.id === id);
// A real PR comment: the markdown reporter's snapshot (tests/golden.rs).
const REPORT = fs.readFileSync(path.join(ROOT, 'tests/golden/markdown.snap.md'), 'utf8');
const MARKER = REPORT.split('\n')[0];

describe('the workflow', () => {
  test('parses, runs on pull requests that touch the migrations, reads with the least permissions', () => {
    expect(workflow.on.pull_request.paths).toContain('packages/database/prisma/migrations/**');
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

  test('annotates with the check of the migrations against origin/<base branch>, with the base through env', () => {
    expect(check.env.BASE_REF).toBe('${{ github.base_ref }}');
    const annotate = step('annotate').run;
    expect(annotate).toContain('pnpm --filter database --fail-if-no-match --silent db:check-migrations --base "origin/$BASE_REF" --format github');
    expect(annotate).toContain('echo "code=$code" >> "$GITHUB_OUTPUT"');
    const report = step('report').run;
    expect(report).toContain('db:check-migrations --base "origin/$BASE_REF" --format markdown --fail-on never');
    // pnpm hands a `--` on to the script, where it turns the options into paths.
    for (const s of check.steps) expect(s.run ?? '').not.toMatch(/ -- /);
    // No ${{ }} expression inside a script: values come in through env.
    for (const s of check.steps) expect(s.run ?? '').not.toContain('${{');
  });

  test('posts the comment with the marker the markdown report starts with', () => {
    const post = check.steps.find((s) => /^actions\/github-script@v\d+$/.test(s.uses));
    expect(MARKER).toBe('<!-- migration-lint:report -->');
    expect(post.with.script).toContain(`const MARKER = '${MARKER}';`);
    expect(post.env.REPORT).toBe('${{ runner.temp }}/migration-lint.md');
    // The report step writes where the comment step reads.
    expect(step('report').run).toContain('> "$RUNNER_TEMP/migration-lint.md"');
  });

  test('holds unapproved destructive changes for a reviewer of an environment', () => {
    expect(check.outputs.blocking).toBe("${{ steps.annotate.outputs.code == '1' }}");
    expect(approve).toMatchObject({ needs: 'check', if: "needs.check.outputs.blocking == 'true'", environment: 'production-migrations' });
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
    const calls = [];
    const github = {
      paginate: async (method, params) => {
        expect(method).toBe(github.rest.issues.listComments);
        expect(params).toMatchObject({ owner: 'skillancer', repo: 'app', issue_number: 42 });
        return comments;
      },
      rest: {
        issues: {
          listComments: () => {},
          createComment: async (params) => calls.push(['create', params]),
          updateComment: async (params) => calls.push(['update', params]),
        },
      },
    };
    const context = { repo: { owner: 'skillancer', repo: 'app' }, payload: { pull_request: { number: 42 } } };
    const core = { info: () => {} };
    await run(github, context, core, require, { env: { REPORT: file } });
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
