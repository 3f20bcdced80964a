// The playground page: wires the editor, the folder-name field and the findings panel to the
// checker. User text only ever reaches the DOM through textContent and form values, never as HTML.

import { createChecker } from './checker.js';
import { createEditor } from './editor.js';
import { EXAMPLES } from './examples.js';
import { decodeHash, encodeHash, MAX_LINK_LENGTH } from './share.js';

/** Re-check this long after the last keystroke. */
const DEBOUNCE_MS = 200;
/** Findings listed in the panel; the rest stay in the editor gutter and in "Copy as JSON". */
const MAX_LISTED = 300;

const $ = (id) => document.getElementById(id);
const exampleSelect = $('example');
const nameInput = $('name');
const summaryBox = $('summary');
const findingsList = $('findings');
const moreNote = $('more');
const notice = $('notice');

let lastReport = null;
let checkerFailed = false;
let debounceTimer = 0;
let loadingExample = false;
/** Counts edits of the SQL and the name; a result for an older version is not shown. */
let version = 0;
let busyTimer = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function say(message) {
  notice.textContent = message;
}

const editor = createEditor($('editor'), {
  doc: '',
  label: 'Migration SQL',
  onChange() {
    version++;
    if (!loadingExample) exampleSelect.value = '';
    scheduleCheck();
  },
  onCursor(line, column) {
    $('cursor').textContent = `Ln ${line}, Col ${column}`;
  },
});

const checker = createChecker({
  onReady(rules, initMs) {
    const count = $('rules-count');
    count.textContent = `${plural(rules.length, 'rule')} loaded.`;
    count.dataset.initMs = initMs.toFixed(1);
  },
  onResult: showResult,
  onRestart(message) {
    say(`The checker stopped (${message}: a text this large may have run out of memory) and was restarted; checking the current text again.`);
  },
  onFailure(message) {
    checkerFailed = true;
    summaryBox.replaceChildren(el('p', 'problem', `The checker could not start: ${message}`));
  },
});

function scheduleCheck() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(checkNow, DEBOUNCE_MS);
}

function checkNow() {
  clearTimeout(debounceTimer);
  if (checkerFailed) return;
  const sql = editor.text();
  checker.check(sql, nameInput.value.trim(), version);
  // Say so when a check takes long enough to notice (megabytes of SQL).
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => {
    $('timing').textContent = `checking ${(sql.length / 1024 / 1024).toFixed(1)} MB\u2026`;
  }, 300);
}

/** The file name the checker gave the SQL; findings naming anything else are about the folder. */
let sqlFile = 'migration.sql';

const isAboutSql = (finding) => finding.file === sqlFile;

function locationOf(finding) {
  return isAboutSql(finding) ? `line ${finding.line}:${finding.column}` : 'folder name';
}

/** Move the cursor to what the finding points at: a range of the SQL, or of the folder name. */
function jumpTo(finding) {
  if (isAboutSql(finding)) {
    editor.jumpTo(finding);
    return;
  }
  // Offsets are into the trimmed name the checker saw.
  const value = nameInput.value;
  const lead = value.length - value.trimStart().length;
  const from = Math.min(lead + (finding.startUtf16 | 0), value.length);
  const to = Math.min(Math.max(lead + (finding.endUtf16 | 0), from), value.length);
  nameInput.focus();
  if (to > from) nameInput.setSelectionRange(from, to);
  else nameInput.select();
}

/** What a rendered finding shows apart from its place; equal keys let a list item be reused. */
const keyOf = (finding) =>
  [finding.file, finding.rule, finding.severity, finding.message, finding.help, finding.why, finding.excerpt, finding.approved?.reason ?? ''].join('\u0000');

/** The listed findings as rendered: { key, item, loc, finding }. */
let listedEntries = [];

function renderFinding(finding) {
  const item = el('li', `finding ${finding.severity}${finding.approved ? ' approved' : ''}`);
  const jump = el('button', 'jump');
  jump.type = 'button';
  const head = el('span', 'head');
  const loc = el('span', 'loc', locationOf(finding));
  head.append(el('span', 'badge', finding.severity), el('span', 'rule', finding.rule), loc);
  jump.append(head, el('span', 'message', finding.message));
  const entry = { key: keyOf(finding), item, loc, finding };
  jump.addEventListener('click', () => jumpTo(entry.finding));
  item.append(jump);
  if (finding.approved) item.append(el('p', 'approval', `Approved: ${finding.approved.reason}`));
  if (finding.help) item.append(el('p', 'help', finding.help));
  if (finding.why || finding.excerpt) {
    const details = el('details');
    details.append(el('summary', '', 'Why it is risky'));
    if (finding.why) details.append(el('p', '', finding.why));
    if (finding.excerpt) {
      const excerpt = el('p');
      excerpt.append(el('code', '', finding.excerpt));
      details.append(excerpt);
    }
    item.append(details);
  }
  return entry;
}

/**
 * Show `findings` in the list, reusing the items of findings that only moved (typing above them),
 * so a re-check while typing rebuilds nothing and an opened "Why it is risky" stays open.
 */
function listFindings(findings) {
  const reusable = new Map();
  for (const entry of listedEntries) {
    const same = reusable.get(entry.key);
    if (same) same.push(entry);
    else reusable.set(entry.key, [entry]);
  }
  let moved = findings.length !== listedEntries.length;
  const entries = findings.map((finding, index) => {
    const entry = reusable.get(keyOf(finding))?.shift() ?? renderFinding(finding);
    if (entry !== listedEntries[index]) moved = true;
    entry.finding = finding;
    const location = locationOf(finding);
    if (entry.loc.textContent !== location) entry.loc.textContent = location;
    return entry;
  });
  if (moved) findingsList.replaceChildren(...entries.map((entry) => entry.item));
  listedEntries = entries;
}

function summaryLines(report, request, namingChecked) {
  const { summary } = report;
  const lines = [];
  if (request.sql.trim() === '') {
    lines.push(el('p', '', 'The editor is empty: paste or type a migration\u2019s SQL.'));
  } else if (summary.statements === 0) {
    lines.push(el('p', '', 'No SQL statements found: the text holds only comments or whitespace.'));
  } else {
    let coverage = `${plural(summary.statements, 'statement')}: ${summary.parsed} read by the parser`;
    if (summary.scanned > 0) {
      coverage += `, ${summary.scanned} it could not read (only scanned token by token for what they do; see the parse findings)`;
    }
    lines.push(el('p', 'coverage', `${coverage}.`));
  }
  if (!request.name) {
    lines.push(el('p', '', 'Folder name not checked: enter the migration folder name to check it too.'));
  } else if (!namingChecked) {
    lines.push(el('p', '', 'Folder name not checked: this build of the checker has no naming checks.'));
  } else {
    const aboutName = report.findings.filter((finding) => !isAboutSql(finding)).length;
    lines.push(el('p', '', aboutName ? `Folder name checked: ${plural(aboutName, 'finding')}, listed first.` : 'Folder name checked: no findings.'));
  }
  lines.push(
    el(
      'p',
      'counts',
      report.findings.length === 0
        ? 'No findings.'
        : `${summary.high} high \u00b7 ${summary.medium} medium \u00b7 ${summary.low} low` +
            (summary.approved ? ` \u00b7 ${summary.approved} approved` : ''),
    ),
  );
  return lines;
}

function showResult({ type, report, sqlFile: file, namingChecked, error, elapsedMs, roundTripMs, request }) {
  // Text edited since this check was asked for: a newer check is already scheduled.
  if (request.version !== version) return;
  clearTimeout(busyTimer);
  if (type === 'error') {
    lastReport = null;
    summaryBox.replaceChildren(el('p', 'problem', `This text could not be checked: ${error}`));
    listFindings([]);
    moreNote.hidden = true;
    editor.showFindings([]);
    markShown(request, { checkMs: '', roundTripMs: roundTripMs.toFixed(3), renderMs: '' });
    return;
  }
  const renderStarted = performance.now();
  lastReport = report;
  sqlFile = file;
  summaryBox.replaceChildren(...summaryLines(report, request, namingChecked));
  $('timing').textContent = `checked in ${elapsedMs < 10 ? elapsedMs.toFixed(1) : Math.round(elapsedMs)} ms`;

  const listed = report.findings.slice(0, MAX_LISTED);
  listFindings(listed);
  const hidden = report.findings.length - listed.length;
  moreNote.hidden = hidden === 0;
  moreNote.textContent = hidden
    ? `${plural(hidden, 'more finding')} not listed here: they are marked in the editor and included in \u201cCopy findings as JSON\u201d.`
    : '';
  editor.showFindings(report.findings.filter(isAboutSql));

  markShown(request, {
    checkMs: elapsedMs.toFixed(3),
    roundTripMs: roundTripMs.toFixed(3),
    renderMs: (performance.now() - renderStarted).toFixed(3),
  });
}

/** Timings for the end-to-end tests and the curious; set last, so a new id means "rendered". */
function markShown(request, timings) {
  Object.assign(summaryBox.dataset, timings, { checkLength: String(request.sql.length), checkId: String(request.id) });
}

function loadDocument({ sql, name }) {
  loadingExample = true;
  editor.setText(sql);
  loadingExample = false;
  nameInput.value = name;
  checkNow();
}

function loadExample(id) {
  const example = EXAMPLES.find((candidate) => candidate.id === id);
  if (!example) return;
  exampleSelect.value = id;
  loadDocument(example);
}

async function loadFromHash() {
  let shared;
  try {
    shared = await decodeHash(location.hash);
  } catch (error) {
    say(`This link is damaged, so the default example is shown: ${error.message}.`);
    return false;
  }
  if (!shared) return false;
  exampleSelect.value = '';
  loadDocument(shared);
  say('Loaded the SQL and folder name from the link.');
  return true;
}

async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    say(`${what} copied to the clipboard.`);
  } catch {
    const dialog = $('copy-dialog');
    const area = $('copy-text');
    area.value = text;
    dialog.showModal();
    area.focus();
    area.select();
  }
}

async function shareLink() {
  const hash = await encodeHash({ sql: editor.text(), name: nameInput.value.trim() });
  if (hash.length > MAX_LINK_LENGTH) {
    say(`This SQL is too long for a link (${Math.round(hash.length / 1024)} KB compressed; the limit is ${MAX_LINK_LENGTH / 1024} KB). Share the file instead.`);
    return;
  }
  history.replaceState(null, '', hash);
  await copyText(location.href, 'Link');
}

function copyJson() {
  if (!lastReport) {
    say('Nothing to copy yet: the check has not finished.');
    return;
  }
  copyText(`${JSON.stringify(lastReport, null, 2)}\n`, `${plural(lastReport.findings.length, 'finding')} as JSON`);
}

for (const example of [{ id: '', label: '\u2014 your own SQL \u2014' }, ...EXAMPLES]) {
  const option = el('option', '', example.label);
  option.value = example.id;
  exampleSelect.append(option);
}
// "Run on PostgreSQL": PostgreSQL itself (PGlite) in a worker of its own, started on the first
// press; each run applies the earlier migrations, then the editor's SQL, on a fresh database.
const engineBox = $('engine-result');
let engineWorker = null;
let engineRun = 0;

/** Findings about the earlier history (engine-worker.js runs it as `00000000000000_...`). */
const aboutEarlier = (finding) => finding.file.startsWith('00000000000000_');

function showEngine(data, sql) {
  engineBox.hidden = false;
  $('run-postgres').disabled = false;
  if (data.id !== engineRun) return;
  if (data.type === 'error') {
    engineBox.className = 'engine-result problem';
    engineBox.replaceChildren(el('p', '', `PostgreSQL could not start: ${data.error}`));
    return;
  }
  const { report, engine } = data;
  const { verification } = report;
  const notes = verification.notes.map((note) => el('p', 'note', note));
  if (verification.applied === verification.migrations) {
    engineBox.className = 'engine-result ok';
    engineBox.replaceChildren(el('p', '', `Applies on ${engine.version} (${Math.round(engine.applyMs)} ms).`), ...notes);
    return;
  }
  engineBox.className = 'engine-result problem';
  const items = [];
  if (report.findings.some(aboutEarlier)) {
    items.push(el('p', '', 'The earlier migrations fail on their own: fix them first (their error is below).'));
  }
  for (const finding of report.findings) {
    const earlier = aboutEarlier(finding);
    const jump = el('button', 'jump');
    jump.type = 'button';
    jump.append(el('span', 'loc', `${earlier ? 'earlier migrations, ' : ''}line ${finding.line}, column ${finding.column}`), el('span', 'message', finding.message));
    if (!earlier && editor.text() === sql) jump.addEventListener('click', () => editor.jumpTo(finding));
    else jump.disabled = true;
    items.push(jump);
  }
  engineBox.replaceChildren(...items, ...notes);
}

function runOnPostgres() {
  const sql = editor.text();
  if (!engineWorker) {
    engineWorker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    engineWorker.onerror = (event) => {
      event.preventDefault();
      showEngine({ type: 'error', id: engineRun, error: event.message || 'the engine stopped' }, sql);
    };
  }
  engineWorker.onmessage = ({ data }) => showEngine(data, sql);
  engineRun += 1;
  $('run-postgres').disabled = true;
  engineBox.hidden = false;
  engineBox.className = 'engine-result';
  engineBox.replaceChildren(el('p', '', 'Starting PostgreSQL in this page…'));
  engineWorker.postMessage({ id: engineRun, sql, name: nameInput.value.trim(), earlier: $('earlier').value });
}

$('run-postgres').addEventListener('click', runOnPostgres);
exampleSelect.addEventListener('change', () => loadExample(exampleSelect.value));
nameInput.addEventListener('input', () => {
  version++;
  scheduleCheck();
});
$('share').addEventListener('click', shareLink);
$('copy-json').addEventListener('click', copyJson);
$('copy-close').addEventListener('click', () => $('copy-dialog').close());
window.addEventListener('hashchange', loadFromHash);

if (!(await loadFromHash())) loadExample('destructive');
