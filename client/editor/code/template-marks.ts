import { EditorState } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

const templateMark = Decoration.mark({ class: 'cm-template' });
const matcher = new MatchDecorator({ regexp: /\{\{[^\n]*?(?:\}\}|$)/g, decoration: () => templateMark });

/** Marks every `{{ … }}` (and an unclosed `{{` to the end of its line). */
export const templateHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = matcher.createDeco(view);
    }
    update(u: ViewUpdate) {
      this.decorations = matcher.updateDeco(u, this.decorations);
    }
  },
  { decorations: (p) => p.decorations },
);

/** Keeps a field on one line: line breaks (pasted, or from any command) become spaces. */
export const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const text = tr.newDoc.toString();
  const changes = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) changes.push({ from: i, to: i + 1, insert: ' ' });
  return [tr, { changes, sequential: true }];
});

/**
 * Typed spaces stay spaces: Chromium may put a no-break space into editable text where a typed
 * space ends a line, and CodeMirror would keep it, so `{{ a }}` or code would hold U+00A0.
 */
export const plainSpaces = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || !tr.isUserEvent('input.type')) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((_fa, _ta, fromB, _tb, inserted) => {
    const text = inserted.toString();
    for (let i = text.indexOf('\u00a0'); i >= 0; i = text.indexOf('\u00a0', i + 1)) changes.push({ from: fromB + i, to: fromB + i + 1, insert: ' ' });
  });
  return changes.length ? [tr, { changes, sequential: true }] : tr;
});
