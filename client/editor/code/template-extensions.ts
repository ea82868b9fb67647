import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { contentAttributes, type FieldAttributes } from './field-attributes.js';
import { dataCompletion } from './completion-source.js';
import type { CompletionScope } from './completions.js';
import { templateTheme } from './editor-theme.js';
import { templateLintSource } from './lint-sources.js';
import { plainSpaces, singleLine, templateHighlight } from './template-marks.js';

/**
 * A templated field: one line (or a few, wrapped, when `multiline`), `{{ }}` marked, data and
 * helpers completed inside them, and each expression checked as the server checks it.
 */
export function templateExtensions(field: FieldAttributes & { multiline?: boolean; placeholder?: string }, scope: () => CompletionScope): Extension[] {
  return [
    history(),
    closeBrackets(),
    templateHighlight,
    autocompletion({ override: [dataCompletion(scope, 'template')], activateOnTyping: true }),
    linter(templateLintSource, { delay: 250 }),
    EditorView.lineWrapping,
    plainSpaces,
    field.multiline ? [] : singleLine,
    field.placeholder ? placeholderText(field.placeholder) : [],
    // One line: Enter takes a completion, else does nothing (the line-break filter covers pastes).
    keymap.of([...closeBracketsKeymap, ...completionKeymap, ...(field.multiline ? [] : [{ key: 'Enter', run: () => true }]), ...historyKeymap, ...defaultKeymap]),
    templateTheme,
    contentAttributes(field),
  ];
}
