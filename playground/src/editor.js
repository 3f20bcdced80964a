// The SQL editor: CodeMirror 6 mounted in a shadow root.
//
// Why a shadow root: CodeMirror's style-mod writes its styles into a <style> element when it is
// mounted in the document, which a Content-Security-Policy without 'unsafe-inline' blocks. In a
// shadow root it uses a constructed stylesheet (adoptedStyleSheets) instead, which CSP does not
// govern, so the page keeps `style-src 'self'`. Colours come from CSS custom properties set by the
// page stylesheet; they inherit into the shadow root, so light and dark follow the system.

import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { tags } from '@lezer/highlight';

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg)', backgroundColor: 'var(--editor-bg)', fontSize: '14px' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground':
    { backgroundColor: 'var(--selection)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--fg)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel-bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-panels': { backgroundColor: 'var(--panel-bg)', color: 'var(--fg)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--high)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--medium)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--low)' },
  '.cm-specialChar': { color: 'var(--high)' },
});

const highlighting = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--tok-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--tok-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--tok-number)' },
  { tag: [tags.lineComment, tags.blockComment, tags.comment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.special(tags.name), tags.quote], color: 'var(--tok-ident)' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--tok-type)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--muted)' },
]);

const SEVERITY = { high: 'error', medium: 'warning', low: 'info' };

/**
 * Above this many characters the SQL is shown without syntax highlighting: CodeMirror parses the
 * text for it in slices of up to 100 ms on the page's thread, and on a paste of megabytes those
 * slices came between keystrokes (up to 47 ms to show one, and 101 ms tasks after the paste,
 * measured in headless Chromium on a 5 MB paste; 5-18 ms and no long task without). Checking is unaffected: it runs in a worker.
 */
export const HIGHLIGHT_LIMIT = 1024 * 1024;

const highlight = () => [bracketMatching(), sql({ dialect: PostgreSQL }), syntaxHighlighting(highlighting)];

/**
 * Mount the editor in `host` (an element that gets a shadow root).
 * `onChange()` fires after every edit of the text; `onCursor(line, column)` after every move
 * (1-based; the column counts code points).
 */
export function createEditor(host, { doc, label, onChange, onCursor }) {
  const root = host.attachShadow({ mode: 'open' });
  const language = new Compartment();
  let highlighted = doc.length <= HIGHLIGHT_LIMIT;
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        language.of(highlighted ? highlight() : []),
        lintGutter(),
        EditorView.lineWrapping,
        theme,
        // Tab is left alone (no indentWithTab) so keyboard users can leave the editor.
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            const small = update.state.doc.length <= HIGHLIGHT_LIMIT;
            if (small !== highlighted) {
              highlighted = small;
              // Not from inside an update: right after it.
              queueMicrotask(() => view.dispatch({ effects: language.reconfigure(small ? highlight() : []) }));
            }
            onChange();
          }
          if (update.docChanged || update.selectionSet) {
            const head = update.state.selection.main.head;
            const line = update.state.doc.lineAt(head);
            // Columns count code points, as the findings' columns do (not UTF-16 units).
            onCursor(line.number, [...line.text.slice(0, head - line.from)].length + 1);
          }
        }),
      ],
    }),
  });

  /** What the diagnostics last shown were made from; the same findings again change nothing. */
  let shown = '';

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      shown = '';
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
    },
    /** Show findings as underlines and gutter markers. Offsets are UTF-16, as the core reports them. */
    showFindings(findings) {
      const signature = findings.map((f) => `${f.startUtf16}:${f.endUtf16}:${f.severity}:${f.rule}:${f.message}`).join('\n');
      // CodeMirror keeps shown diagnostics in place through edits; if the checker found exactly
      // what it found before, at the same offsets, they are already right.
      if (signature === shown) return;
      shown = signature;
      const length = view.state.doc.length;
      const clamp = (offset) => Math.min(Math.max(offset | 0, 0), length);
      const diagnostics = findings.map((finding) => ({
        from: clamp(finding.startUtf16),
        to: clamp(finding.endUtf16),
        severity: SEVERITY[finding.severity] ?? 'info',
        source: finding.rule,
        message: finding.help ? `${finding.message}\n${finding.help}` : finding.message,
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Put the cursor at the start of a finding, select what it points at, and focus the editor. */
    jumpTo(finding) {
      const length = view.state.doc.length;
      const from = Math.min(Math.max(finding.startUtf16 | 0, 0), length);
      const to = Math.min(Math.max(finding.endUtf16 | 0, from), length);
      view.dispatch({ selection: EditorSelection.single(to, from), scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
  };
}
