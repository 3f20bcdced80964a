// End-to-end tests of the built playground in Debian's Chromium, driven by playwright-core.
// Run: node --test playground/tests/e2e.mjs   (or `npm run test:playground` from the repository root,
// which also installs what is missing). Artifacts go to tests/artifacts/ at the repository root.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { chromium } from 'playwright-core';

import * as core from '../../js/browser.mjs';

import { CHROMIUM, CHROMIUM_ARGS, DIST, REPO, ensureBuilt } from '../scripts/prepare.mjs';
import { serve } from '../scripts/server.mjs';

const ARTIFACTS = join(REPO, 'tests', 'artifacts');
const DOCS = join(REPO, 'docs');
/** Committed copies in docs/ are refreshed only on request, so a test run leaves the tree clean. */
const UPDATE_DOCS = process.env.UPDATE_DOCS === '1';


/** Whether this build of the core has the folder-name checks the page runs when a name is given. */
const HAS_NAMING = typeof core.validateName === 'function';

const DESTRUCTIVE = 'ALTER TABLE "User" DROP COLUMN "legacyToken",\nDROP COLUMN "lastSeenIp";\n';
const XSS = '<img src=x onerror=alert(1)>';

let server;
let browser;

before(async () => {
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(DIST);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh page on the playground, with what it did recorded: console errors, uncaught exceptions,
 * dialogs (dismissed), requests seen by the browser, and CSP violations reported in the page.
 */
async function openPage({ hash = '', colorScheme = 'light', viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await context.newPage();
  const seen = { errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => message.type() === 'error' && seen.errors.push(message.text()));
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  context.on('request', (request) => seen.requests.push(request.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(server.url + hash);
  await page.waitForSelector('#summary[data-check-id]');
  return { page, context, seen };
}

/** The id of the last check shown, so a caller can wait for the next one. */
const lastCheckId = (page) => page.$eval('#summary', (box) => Number(box.dataset.checkId ?? 0));

/** Wait until a check newer than `since` of exactly `length` UTF-16 units of SQL is shown. */
async function waitForCheck(page, since, length) {
  await page.waitForFunction(
    ([since, length]) => {
      const box = document.querySelector('#summary');
      return Number(box.dataset.checkId ?? 0) > since && Number(box.dataset.checkLength) === length;
    },
    [since, length],
    { timeout: 30_000 },
  );
}

/** Select all of the editor's text and paste `text` over it, without waiting for the check. */
async function pasteOver(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const content = document.querySelector('#editor').shadowRoot.querySelector('.cm-content');
    const data = new DataTransfer();
    data.setData('text/plain', text);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Replace the editor's text through a real paste event, as a user's Ctrl+V does. */
async function paste(page, text) {
  const since = await lastCheckId(page);
  await pasteOver(page, text);
  const expected = text.replace(/\r\n?/g, '\n').length;
  await waitForCheck(page, since, expected);
}

/** The editor's text, line by line as rendered (the whole text when it fits in the viewport). */
const editorText = (page) =>
  page.evaluate(() =>
    [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'),
  );

async function findings(page) {
  return page.$$eval('#findings .finding', (items) =>
    items.map((item) => ({
      severity: item.querySelector('.badge').textContent,
      rule: item.querySelector('.rule').textContent,
      location: item.querySelector('.loc').textContent,
      message: item.querySelector('.message').textContent,
      help: item.querySelector('.help')?.textContent ?? '',
    })),
  );
}

const summaryText = (page) => page.$eval('#summary', (box) => box.textContent);
const cursor = (page) => page.$eval('#cursor', (node) => node.textContent);

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

describe('playground', { timeout: 120_000 }, () => {
  test('loads with an example checked, the rules loaded and no errors', async () => {
    const { page, context, seen } = await openPage();
    assert.match(await page.$eval('#rules-count', (node) => node.textContent), /\d+ rules? loaded/);
    assert.equal(await page.$eval('#example', (select) => select.value), 'destructive');
    const listed = await findings(page);
    assert.ok(listed.some((finding) => finding.rule === 'drop-column'), JSON.stringify(listed));
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    // Relative asset URLs: the folder can be hosted under any path.
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /(src|href)="\/(?!\/)/);
    await context.close();
  });

  test('a pasted destructive migration shows one finding per dropped column, on its line', async () => {
    const { page, context, seen } = await openPage();
    await paste(page, DESTRUCTIVE);
    const listed = (await findings(page)).filter((finding) => finding.rule === 'drop-column');
    assert.equal(listed.length, 2, JSON.stringify(listed));
    assert.equal(listed[0].severity, 'high');
    assert.match(listed[0].location, /^line 1:\d+$/);
    assert.match(listed[0].message, /legacyToken/);
    assert.equal(listed[1].location, 'line 2:1');
    assert.match(listed[1].message, /lastSeenIp/);
    assert.ok(listed[0].help.length > 0);
    // The editor marks them too: underlines and gutter markers on lines 1 and 2.
    const marks = await page.evaluate(() => {
      const root = document.querySelector('#editor').shadowRoot;
      return root.querySelectorAll('.cm-lintRange-error').length;
    });
    assert.ok(marks >= 2, `underlines: ${marks}`);
    assert.match(await summaryText(page), /1 statement: 1 read by the parser/);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('clicking a finding moves the cursor to it; Enter on a focused finding does too', async () => {
    const { page, context } = await openPage();
    await paste(page, DESTRUCTIVE);
    // The folder name's findings (when the core checks names) are listed too: find the SQL's.
    const [first, second] = (await findings(page)).flatMap((finding, index) => (finding.rule === 'drop-column' ? [index] : []));
    await page.locator('#findings .finding .jump').nth(second).click();
    assert.equal(await cursor(page), 'Ln 2, Col 1');
    const focusedInEditor = await page.evaluate(
      () => document.querySelector('#editor').shadowRoot.activeElement?.classList.contains('cm-content') ?? false,
    );
    assert.ok(focusedInEditor, 'the editor has the focus after a jump');

    await page.locator('#findings .finding .jump').nth(first).focus();
    await page.keyboard.press('Enter');
    assert.match(await cursor(page), /^Ln 1, Col \d+$/);
    assert.notEqual(await cursor(page), 'Ln 2, Col 1');

    // Past a character outside the BMP (4 bytes, 2 UTF-16 units, 1 column) the jump still lands
    // on the finding: the page places findings by their UTF-16 offsets.
    await paste(page, '/* 🚀 */ DROP TABLE "Gone";\n');
    const listed = await findings(page);
    const dropped = listed.findIndex((finding) => finding.rule === 'drop-table');
    assert.equal(listed[dropped].location, 'line 1:9');
    await page.locator('#findings .finding .jump').nth(dropped).click();
    assert.equal(await cursor(page), 'Ln 1, Col 9');
    await context.close();
  });

  test('usable by keyboard: Tab leaves the editor, focus is visible, typing re-checks', async () => {
    const { page, context } = await openPage();
    await paste(page, DESTRUCTIVE);
    // The editor does not trap Tab: from the editor the next stop is a finding.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.className);
    assert.equal(next, 'jump');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'a focused finding shows a focus ring');

    // Shift+Tab back into the editor, go to the end and type a statement: findings follow, debounced.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+End');
    const since = await lastCheckId(page);
    const typed = 'DROP TABLE "Session";';
    await page.keyboard.type(typed, { delay: 5 });
    await waitForCheck(page, since, DESTRUCTIVE.length + typed.length);
    const listed = await findings(page);
    assert.ok(listed.some((finding) => finding.rule === 'drop-table' && finding.location.startsWith('line 3:')), JSON.stringify(listed));
    await context.close();
  });

  test('the folder name is checked too; its findings point into the name field', async () => {
    const { page, context, seen } = await openPage();
    await paste(page, DESTRUCTIVE);
    const since = await lastCheckId(page);
    await page.fill('#name', '  skillpod_b2b_enterprise');
    await waitForCheck(page, since, DESTRUCTIVE.length);
    if (!HAS_NAMING) {
      assert.match(await summaryText(page), /Folder name not checked: this build of the checker has no naming checks/);
      await context.close();
      return;
    }
    assert.match(await summaryText(page), /Folder name checked: \d+ findings, listed first/);
    const listed = await findings(page);
    const timestamp = listed.findIndex((finding) => finding.rule === 'naming-timestamp');
    assert.ok(timestamp >= 0, JSON.stringify(listed));
    assert.equal(listed[timestamp].location, 'folder name');
    await page.locator('#findings .finding .jump').nth(timestamp).click();
    const field = await page.evaluate(() => ({
      focused: document.activeElement?.id,
      start: document.activeElement?.selectionStart,
      end: document.activeElement?.selectionEnd,
    }));
    assert.equal(field.focused, 'name');
    assert.ok(field.start >= 2 && field.end >= field.start, JSON.stringify(field));
    // The SQL's findings are still there, and still point into the editor.
    const fixed = await lastCheckId(page);
    await page.fill('#name', '20251208150000_drop_legacy_columns_from_user');
    await waitForCheck(page, fixed, DESTRUCTIVE.length);
    assert.match(await summaryText(page), /Folder name checked: no findings/);
    assert.ok(listed.some((finding) => finding.rule === 'drop-column' && finding.location === 'line 2:1'));
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('an approved finding stays listed, marked approved with its reason', async () => {
    const { page, context } = await openPage();
    await paste(page, '-- migration-lint approve drop-table: backed up to s3://backups/legacy\nDROP TABLE "Legacy";\n');
    const listed = await page.$$eval('#findings .finding.approved', (items) =>
      items.map((item) => [item.querySelector('.rule').textContent, item.querySelector('.approval').textContent]),
    );
    assert.deepEqual(listed, [['drop-table', 'Approved: backed up to s3://backups/legacy']]);
    assert.match(await page.$eval('#summary .counts', (node) => node.textContent), /0 high .* 1 approved/);
    await context.close();
  });

  test('a share link restores the SQL and the folder name', async () => {
    const { page, context } = await openPage();
    const sql = '-- naïve café ✓ 🚀\nALTER TABLE "Üser" DROP COLUMN "e";\n';
    const name = '20251208150000_drop_email_from_user';
    await paste(page, sql);
    await page.fill('#name', name);
    await page.click('#share');
    await page.waitForFunction(() => location.hash.includes('sql='));
    const link = await page.evaluate(() => location.href);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    assert.match(await page.$eval('#notice', (node) => node.textContent), /Link copied/);
    await context.close();

    const opened = await openPage({ hash: new URL(link).hash });
    assert.equal(await opened.page.$eval('#name', (input) => input.value), name);
    assert.equal(await editorText(opened.page), sql);
    const listed = await findings(opened.page);
    assert.ok(listed.some((finding) => finding.rule === 'drop-column' && finding.location.startsWith('line 2:')));
    await opened.context.close();

    const damaged = await openPage({ hash: '#v=1&sql=%%%not-base64' });
    assert.match(await damaged.page.$eval('#notice', (node) => node.textContent), /link is damaged/);
    assert.equal(await damaged.page.$eval('#example', (select) => select.value), 'destructive');
    await damaged.context.close();
  });

  test('"Copy findings as JSON" copies the report', async () => {
    const { page, context } = await openPage();
    await paste(page, DESTRUCTIVE);
    await page.click('#copy-json');
    await page.waitForFunction(() => /copied/.test(document.querySelector('#notice').textContent));
    const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.ok(Array.isArray(report.findings));
    assert.deepEqual(
      report.findings.filter((finding) => finding.rule === 'drop-column').map((finding) => finding.line),
      [1, 2],
    );
    assert.equal(typeof report.summary.parsed, 'number');
    await context.close();

    // Without a usable clipboard the text is shown, selected, for the user to copy.
    const denied = await browser.newContext();
    await denied.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const fallback = await denied.newPage();
    await fallback.goto(server.url);
    await fallback.waitForSelector('#summary[data-check-id]');
    await fallback.click('#copy-json');
    await fallback.waitForSelector('#copy-dialog[open]');
    const shown = JSON.parse(await fallback.$eval('#copy-text', (area) => area.value));
    assert.ok(shown.findings.some((finding) => finding.rule === 'drop-column'));
    assert.equal(await fallback.evaluate(() => document.activeElement?.id), 'copy-text');
    await fallback.keyboard.press('Escape');
    assert.equal(await fallback.$('#copy-dialog[open]'), null);
    await denied.close();
  });

  test('CSP holds and nothing is requested after load', async () => {
    const { page, context, seen } = await openPage();
    await page.waitForFunction(() => /rules? loaded/.test(document.querySelector('#rules-count').textContent));
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (meta) => meta.content);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|connect-src/);
    const served = server.requests.length;
    const requested = seen.requests.length;

    await paste(page, DESTRUCTIVE);
    await page.locator('.cm-content').press('Control+End');
    const since = await lastCheckId(page);
    await page.keyboard.type('-- more', { delay: 5 });
    await waitForCheck(page, since, DESTRUCTIVE.length + '-- more'.length);
    await page.locator('#findings .finding .jump').first().click();
    await page.selectOption('#example', 'enum-rebuild');
    await page.fill('#name', '20251208130000_alter_job_status_enum');
    await page.click('#share');
    await page.click('#copy-json');
    await page.waitForTimeout(300);

    assert.deepEqual(seen.requests.slice(requested), [], 'the browser made no request');
    assert.deepEqual(server.requests.slice(served), [], 'the server saw no request');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(seen.errors, []);

    // The policy is really in force: a fetch from the page is refused before it leaves.
    const refused = await page.evaluate(() => fetch('./index.html').then(() => 'fetched', () => 'refused'));
    assert.equal(refused, 'refused');
    assert.ok((await page.evaluate(() => window.__violations)).some((violation) => violation.startsWith('connect-src')));
    assert.deepEqual(server.requests.slice(served), []);
    await context.close();
  });

  test('"Run on PostgreSQL" applies the SQL in the page: success, or the error on its line; same origin only', async () => {
    const { page, context, seen } = await openPage();
    const origin = new URL(server.url).origin;
    // The engine is loaded on demand only.
    assert.ok(!seen.requests.some((url) => /pglite/.test(url)), 'PGlite is not loaded before the button is pressed');
    await page.locator('#earlier-pane summary').click();
    await page.fill('#earlier', 'CREATE TABLE "User" ("id" TEXT PRIMARY KEY, "legacyToken" TEXT, "lastSeenIp" TEXT);');
    await paste(page, DESTRUCTIVE);
    await page.click('#run-postgres');
    await page.waitForFunction(() => /Applies on|line \d+/.test(document.querySelector('#engine-result').textContent), null, { timeout: 60_000 });
    assert.match(await page.$eval('#engine-result', (box) => box.textContent), /^Applies on PostgreSQL 18\.\d+ \(PGlite 0\.5\.14\)/);

    // Without the earlier history the table is missing: PostgreSQL's error, on its line.
    await page.fill('#earlier', '');
    await paste(page, 'CREATE TABLE "Post" ("id" TEXT);\nALTER TABLE "User" DROP COLUMN "legacyToken";\n');
    await page.click('#run-postgres');
    await page.waitForFunction(() => /line \d+/.test(document.querySelector('#engine-result').textContent), null, { timeout: 60_000 });
    const failed = await page.$eval('#engine-result', (box) => box.textContent);
    assert.match(failed, /line 2, column 1/);
    assert.match(failed, /relation "User" does not exist \(SQLSTATE 42P01\)/);
    // The error moves the cursor to its statement.
    await page.locator('#engine-result .jump').first().click();
    assert.equal(await cursor(page), 'Ln 2, Col 1');

    assert.deepEqual(seen.requests.filter((url) => new URL(url).origin !== origin && !url.startsWith('data:') && !url.startsWith('blob:')), []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('SQL and folder names are shown as text, never run as HTML', async () => {
    const { page, context, seen } = await openPage();
    await page.fill('#name', XSS);
    await paste(page, `DROP TABLE "${XSS}";\n-- <script>alert(2)</script>\nALTER TABLE "t" DROP COLUMN "${XSS}";\n`);
    await page.waitForTimeout(300);
    assert.deepEqual(seen.dialogs, []);
    const images = await page.evaluate(
      () => document.querySelectorAll('img').length + document.querySelector('#editor').shadowRoot.querySelectorAll('img').length,
    );
    assert.equal(images, 0);
    const scripts = await page.evaluate(() => [...document.querySelectorAll('script')].filter((script) => !script.src).length);
    assert.equal(scripts, 0);
    const messages = (await findings(page)).map((finding) => finding.message).join('\n');
    assert.ok(messages.includes(XSS), messages);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await context.close();
  });

  test('bad input: empty, unreadable and binary garbage all get an answer', async () => {
    const { page, context, seen } = await openPage();

    await paste(page, '');
    assert.match(await summaryText(page), /editor is empty/);
    assert.equal((await findings(page)).length, 0);

    await paste(page, 'ALTER TABLE "User" DROP COLUMN "a";\nTHIS IS NOT SQL AT ALL;\nDROP TABLE "b";\n');
    const unreadable = await summaryText(page);
    assert.match(unreadable, /3 statements: 2 read by the parser, 1 it could not read/);
    const listed = await findings(page);
    assert.ok(listed.some((finding) => finding.rule === 'parse-error' && finding.location.startsWith('line 2:')), JSON.stringify(listed));
    assert.ok(listed.some((finding) => finding.rule === 'drop-table' && finding.location.startsWith('line 3:')));

    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const garbage = Array.from({ length: 64 * 1024 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    await paste(page, garbage);
    assert.match(await summaryText(page), /statement|No SQL statements/);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a 5 MB paste is checked without freezing the page', async () => {
    const { page, context, seen } = await openPage();
    const unit = `${DESTRUCTIVE}CREATE TABLE "Audit" ("id" TEXT NOT NULL, "at" TIMESTAMP(3) NOT NULL, CONSTRAINT "Audit_pkey" PRIMARY KEY ("id"));\nCREATE INDEX "Audit_at_idx" ON "Audit"("at");\n`;
    const big = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await paste(page, big);
    const tookMs = Date.now() - started;
    const statements = (big.match(/;/g) ?? []).length;
    assert.match(await summaryText(page), new RegExp(`${statements} statements: ${statements} read by the parser`));
    assert.match(await page.$eval('#more', (node) => node.textContent), /more findings not listed/);
    const longestTask = await page.evaluate(() => window.__longest);
    writeFileSync(
      join(ARTIFACTS, 'playground-5mb.json'),
      `${JSON.stringify(
        {
          bytes: big.length,
          statements,
          findings: await page.evaluate(
            () =>
              document.querySelectorAll('#findings .finding').length +
              Number(document.querySelector('#more').textContent.match(/^\d+/)?.[0] ?? 0),
          ),
          pasteToFindingsMs: tookMs,
          checkMs: Number(await page.$eval('#summary', (box) => box.dataset.checkMs)),
          showFindingsMs: Number(await page.$eval('#summary', (box) => box.dataset.renderMs)),
          longestMainThreadTaskMs: longestTask,
          loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
        },
        null,
        2,
      )}\n`,
    );
    // The check runs in the worker; what remains on the page's thread (the paste into the editor,
    // receiving and showing the findings) must not freeze it.
    // The figure is recorded above; the bound only catches a page that hangs (a check on the main
    // thread, a render loop). The paste itself into CodeMirror takes most of the task: 0.6-1.3 s
    // seen here, depending on the machine's load, so a tighter bound would time the machine.
    assert.ok(longestTask < 5000, `longest main-thread task ${longestTask} ms`);
    // Typing still works right after the big paste.
    await page.locator('.cm-content').press('Control+Home');
    await page.keyboard.type('-- ok\n');
    assert.equal(await cursor(page), 'Ln 2, Col 1');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('typing while a 5 MB paste is checked shows each keystroke at once, and the findings are of the last text', async () => {
    const { page, context, seen } = await openPage();
    const unit = `${DESTRUCTIVE}CREATE INDEX "Audit_at_idx" ON "Audit"("at");\n`;
    const big = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    // Every check the page shows, by the length of the text it was of.
    await page.evaluate(() => {
      window.__shownLengths = [];
      new MutationObserver(() => window.__shownLengths.push(Number(document.querySelector('#summary').dataset.checkLength))).observe(
        document.querySelector('#summary'),
        { attributes: true, attributeFilter: ['data-check-id'] },
      );
    });
    const since = await lastCheckId(page);
    await pasteOver(page, big);
    // Each keystroke from now on: from its keydown to the frame after the editor's text changed for it.
    await page.evaluate(() => {
      const content = document.querySelector('#editor').shadowRoot.querySelector('.cm-content');
      window.__keys = [];
      content.addEventListener(
        'keydown',
        (event) => {
          // Keys that type (not Control, Home, ...).
          if (event.key.length !== 1 && event.key !== 'Enter') return;
          const pressed = event.timeStamp;
          const observer = new MutationObserver(() => {
            observer.disconnect();
            requestAnimationFrame(() => window.__keys.push(performance.now() - pressed));
          });
          observer.observe(content, { subtree: true, childList: true, characterData: true });
        },
        true,
      );
    });
    // The check of the paste starts after the debounce; type once it runs.
    await page.waitForFunction(() => /checking/.test(document.querySelector('#timing').textContent), null, { timeout: 30_000 });
    await page.keyboard.press('Control+Home');
    const typed = 'DROP TABLE "Typed";\n';
    await page.keyboard.type(typed, { delay: 25 });
    const typingDone = await page.evaluate(() => window.__shownLengths.slice());
    await waitForCheck(page, since, big.length + typed.length);
    const keys = await page.evaluate(() => window.__keys);
    const shown = await page.evaluate(() => window.__shownLengths);
    writeFileSync(
      join(ARTIFACTS, 'playground-typing-5mb.json'),
      `${JSON.stringify({ bytes: big.length, keystrokes: keys.length, keystrokeMs: keys.map((ms) => Math.round(ms * 10) / 10), checksShownOfLengths: shown, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 }, null, 2)}\n`,
    );
    // The typing happened while the paste was being checked: no check had been shown yet.
    assert.deepEqual(typingDone, [], 'a check was shown before the typing ended');
    assert.equal(keys.length, typed.length, 'every keystroke seen');
    assert.ok(Math.max(...keys) < 50, `keystrokes shown after ${keys.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    // The only check shown is of the last text: the paste's own result was dropped, not flashed.
    assert.deepEqual(shown, [big.length + typed.length]);
    const statements = (big.match(/;/g) ?? []).length + 1;
    assert.match(await summaryText(page), new RegExp(`${statements} statements: ${statements} read by the parser`));
    const sqlFindings = (await findings(page)).filter((f) => f.location !== 'folder name');
    assert.deepEqual(sqlFindings[0] && [sqlFindings[0].rule, sqlFindings[0].location], ['drop-table', 'line 1:1']);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a check worker that dies is replaced, the page says so, and the newest text is checked', async () => {
    const { page, context, seen } = await openPage();
    await paste(page, 'DROP TABLE "a";\n');
    const checkWorkers = () => page.workers().filter((worker) => worker.url().includes('check-worker'));
    const [first] = checkWorkers();
    assert.ok(first, 'the check worker runs');
    // What an out-of-memory error thrown in the worker looks like to the page: an error event from
    // it, and no answer.
    await first.evaluate(() => {
      self.onmessage = () => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      };
    });
    const since = await lastCheckId(page);
    await page.locator('.cm-content').press('Control+End');
    await page.keyboard.type('DROP TABLE "b";');
    await waitForCheck(page, since, 'DROP TABLE "a";\nDROP TABLE "b";'.length);
    assert.match(await page.$eval('#notice', (node) => node.textContent), /The checker stopped \(.*Maximum memory size exceeded.*\) and was restarted/);
    const drops = async () => (await findings(page)).filter((f) => f.rule === 'drop-table').map((f) => f.location);
    assert.deepEqual(await drops(), ['line 1:1', 'line 2:1']);
    // A new worker checks from now on.
    const workers = checkWorkers();
    assert.equal(workers.length, 1);
    assert.notEqual(workers[0], first);
    const again = await lastCheckId(page);
    await page.keyboard.type('\nDROP TABLE "c";');
    await waitForCheck(page, again, 'DROP TABLE "a";\nDROP TABLE "b";\nDROP TABLE "c";'.length);
    assert.deepEqual(await drops(), ['line 1:1', 'line 2:1', 'line 3:1']);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('a 2,000-line migration re-checks on every keystroke; the timing is recorded, not asserted', async () => {
    const { page, context } = await openPage();
    const block = (i) =>
      [
        `-- CreateTable`,
        `CREATE TABLE "Model${i}" (`,
        `    "id" TEXT NOT NULL,`,
        `    "ownerId" TEXT NOT NULL,`,
        `    "status" "Status" NOT NULL DEFAULT 'ACTIVE',`,
        `    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,`,
        ``,
        `    CONSTRAINT "Model${i}_pkey" PRIMARY KEY ("id")`,
        `);`,
        `-- CreateIndex`,
        `CREATE INDEX "Model${i}_ownerId_idx" ON "Model${i}"("ownerId");`,
        `-- AlterTable`,
        `ALTER TABLE "Model${i}" DROP COLUMN "legacy",`,
        `ADD COLUMN "note" TEXT;`,
        `-- AddForeignKey`,
        `ALTER TABLE "Model${i}" ADD CONSTRAINT "Model${i}_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
        ``,
        ``,
        ``,
        ``,
      ].join('\n');
    const lines = Array.from({ length: 100 }, (_, i) => block(i)).join('\n').split('\n').slice(0, 2000);
    const sql = lines.join('\n');
    assert.equal(lines.length, 2000);
    // Without a folder name the page runs checkSql alone: that call is what is timed.
    await page.fill('#name', '');
    await paste(page, sql);

    // Type at the end of the first line (a comment): every finding below moves by one character,
    // so each re-check also re-places every underline, the worst case of typing for the page.
    await page.locator('.cm-content').press('Control+Home');
    await page.keyboard.press('End');
    let length = sql.length;
    /** `runs` keystrokes, each waited for until its findings are shown; the timings of each. */
    async function keystrokes(runs) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const since = await lastCheckId(page);
        await page.keyboard.type('x');
        length += 1;
        await waitForCheck(page, since, length);
        samples.push(
          await page.$eval('#summary', (box) => ({
            check: Number(box.dataset.checkMs),
            roundTrip: Number(box.dataset.roundTripMs),
            render: Number(box.dataset.renderMs),
          })),
        );
      }
      return samples;
    }
    const stats = (samples, key) => {
      const sorted = samples.map((sample) => sample[key]).sort((a, b) => a - b);
      const round = (value) => Math.round(value * 100) / 100;
      return { median: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), max: round(sorted.at(-1)) };
    };
    // One warm-up keystroke (V8 tiers the WebAssembly up on first heavy use), reported apart.
    const [warmUp] = await keystrokes(1);
    const samples = await keystrokes(60);
    const findingsShown = await page.evaluate(() => document.querySelectorAll('#findings .finding').length);

    // With a folder name the worker also runs validateName over the name and the same SQL.
    const since = await lastCheckId(page);
    await page.fill('#name', '20251208120000_add_models_and_drop_legacy');
    await waitForCheck(page, since, length);
    await page.locator('.cm-content').press('Control+Home');
    await page.keyboard.press('End');
    const named = HAS_NAMING ? await keystrokes(30) : [];

    const result = {
      what: 'Re-check of a 2,000-line Prisma-style migration after one keystroke (on line 1, so every finding moves), in headless Chromium',
      lines: 2000,
      bytes: new TextEncoder().encode(sql).length,
      runs: samples.length,
      findings: findingsShown,
      firstRecheckMs: warmUp.check,
      checkSqlMs: stats(samples, 'check'),
      postToResultMs: stats(samples, 'roundTrip'),
      renderMs: stats(samples, 'render'),
      withFolderName: named.length
        ? { runs: named.length, checkSqlAndValidateNameMs: stats(named, 'check'), renderMs: stats(named, 'render') }
        : null,
      wasmInitMs: Number(await page.$eval('#rules-count', (node) => node.dataset.initMs)),
      chromium: browser.version(),
      cpus: cpus().length,
      loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
      measuredAt: new Date().toISOString(),
    };
    const json = `${JSON.stringify(result, null, 2)}\n`;
    writeFileSync(join(ARTIFACTS, 'playground-timing.json'), json);
    if (UPDATE_DOCS || !existsSync(join(DOCS, 'playground-timing.json'))) {
      mkdirSync(DOCS, { recursive: true });
      writeFileSync(join(DOCS, 'playground-timing.json'), json);
    }
    console.log(`# 2,000-line re-check: checkSql median ${result.checkSqlMs.median} ms, p95 ${result.checkSqlMs.p95} ms`);
    // Speed is a measurement (written to docs/playground-timing.json for the README), not a pass or
    // fail: on a loaded 2-core machine the median has been seen at 23 ms, where it is 5 ms alone.
    // What must hold is that every keystroke was re-checked and its findings shown.
    assert.equal(samples.length, 60);
    assert.ok(samples.every((sample) => Number.isFinite(sample.check) && sample.check > 0), JSON.stringify(samples));
    assert.ok(findingsShown > 0, 'findings shown');
    await context.close();
  });

  test('follows the system colour scheme; screenshot with findings', async () => {
    const light = await openPage({ colorScheme: 'light' });
    const dark = await openPage({ colorScheme: 'dark' });
    const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const editorBackground = (page) =>
      page.evaluate(() => getComputedStyle(document.querySelector('#editor').shadowRoot.querySelector('.cm-editor')).backgroundColor);
    assert.notEqual(await background(light.page), await background(dark.page));
    assert.notEqual(await editorBackground(light.page), await editorBackground(dark.page));

    await light.page.locator('#findings .finding .jump').nth(1).click();
    assert.ok((await findings(light.page)).length >= 3);
    const shot = join(ARTIFACTS, 'playground.png');
    await light.page.screenshot({ path: shot });
    if (UPDATE_DOCS || !existsSync(join(DOCS, 'playground.png'))) {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(shot, join(DOCS, 'playground.png'));
    }
    await dark.page.screenshot({ path: join(ARTIFACTS, 'playground-dark.png') });
    await light.context.close();
    await dark.context.close();
  });
});
