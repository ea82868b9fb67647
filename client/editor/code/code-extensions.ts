import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { dataCompletion } from './completion-source.js';
import type { CompletionScope } from './completions.js';
import { codeTheme } from './editor-theme.js';
import { contentAttributes, type FieldAttributes } from './field-attributes.js';
import { codeLintSource } from './lint-sources.js';
import { plainSpaces } from './template-marks.js';

/**
 * The code step's editor: JavaScript, line numbers, wrapping, completion of the step's data and
 * the sandbox helpers, and the server's syntax check as lint. Tab indents; Escape then Tab
 * leaves the editor (CodeMirror's rule), so keyboard users are never trapped.
 */
export function codeExtensions(field: FieldAttributes, scope: () => CompletionScope): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    javascript(),
    javascriptLanguage.data.of({ autocomplete: dataCompletion(scope, 'code') }),
    autocompletion({ activateOnTyping: true }),
    linter(codeLintSource, { delay: 250 }),
    lintGutter(),
    EditorView.lineWrapping,
    plainSpaces,
    keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, indentWithTab, ...defaultKeymap]),
    codeTheme,
    contentAttributes(field),
  ];
}
