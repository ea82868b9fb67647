import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * Colours come from CSS variables (--code-*, set in editor.css per editor kind and theme), so
 * the dark code editor and the light single-line fields share one style.
 */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.bool, t.null], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number], color: 'var(--code-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.propertyName, t.function(t.propertyName)], color: 'var(--code-property)' },
  { tag: [t.variableName, t.function(t.variableName)], color: 'var(--code-name)' },
  { tag: [t.punctuation, t.operator, t.bracket], color: 'var(--code-punct)' },
]);

const base = EditorView.theme({
  '&': { color: 'var(--code-text)', backgroundColor: 'var(--code-bg)', fontSize: '12.5px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--code-caret)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--code-gutter-bg)', color: 'var(--code-gutter)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--code-caret)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--code-selection) !important' },
  // Tooltips (completion, lint) are the page's surfaces, not the editor's: light in a dark editor.
  '.cm-tooltip': {
    fontFamily: 'var(--font)',
    fontSize: '12.5px',
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border-strong)',
    borderRadius: 'var(--r-sm)',
    boxShadow: 'var(--shadow-md)',
  },
  '.cm-tooltip-autocomplete ul li': { color: 'var(--text)' },
  '.cm-completionDetail': { color: 'var(--muted)', marginLeft: '0.8em', fontStyle: 'normal' },
  '.cm-diagnostic': { color: 'var(--text)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: '#fff' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: '#fff' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '&.cm-focused': { outline: 'none' },
});

const codeLayout = EditorView.theme({ '&': { height: '100%' } });

const templateLayout = EditorView.theme({
  '.cm-content': { padding: '7px 0', minHeight: 'var(--template-min-height, auto)' },
  '.cm-line': { padding: '0 10px' },
  '.cm-template': { backgroundColor: 'var(--accent-soft)', color: 'var(--accent-hover)', borderRadius: '3px', fontFamily: 'var(--mono)', fontSize: '0.95em' },
});

/** The code editor's look: base theme, syntax colours, the full height of its frame. */
export const codeTheme = [base, codeLayout, syntaxHighlighting(highlight)];

/** A templated field's look: input-like padding and the `{{ }}` marks. */
export const templateTheme = [base, templateLayout, syntaxHighlighting(highlight)];
