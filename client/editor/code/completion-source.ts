import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorView } from '@codemirror/view';
import { pathBefore, suggestionsAfter, type CompletionScope, type Suggestion } from './completions.js';
import { insideTemplate } from './template-ranges.js';

const toCompletion = (s: Suggestion, member: boolean): Completion => ({
  label: s.label,
  type: s.kind,
  detail: s.detail,
  // A key such as "e-mail" is written as ["e-mail"], replacing the dot typed before it.
  ...(s.bracket && member ? { apply: (view: EditorView, _c: Completion, from: number, to: number) => view.dispatch({ changes: { from: from - 1, to, insert: `[${JSON.stringify(s.label)}]` } }) } : {}),
});

/**
 * Completes data paths and helpers from the step's scope. In code, outside strings and
 * comments; in a templated field, only between `{{` and `}}` (right after `{{` too).
 */
export function dataCompletion(scope: () => CompletionScope, where: 'code' | 'template'): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    if (where === 'template') {
      if (!insideTemplate(ctx.state.doc.toString(), ctx.pos)) return null;
      if (/\{\{\s*$/.test(before)) return { from: ctx.pos, options: suggestionsAfter(scope(), []).map((s) => toCompletion(s, false)), validFor: /^[\w$]*$/ };
    } else if (/String|Comment|Template|RegExp/.test(syntaxTree(ctx.state).resolveInner(ctx.pos, -1).name)) {
      return null;
    }
    const path = pathBefore(before);
    if (!path || (!path.member && !path.prefix && !ctx.explicit)) return null;
    const options = suggestionsAfter(scope(), path.keys).map((s) => toCompletion(s, path.member));
    if (!options.length) return null;
    return { from: ctx.pos - path.prefix.length, options, validFor: /^[\w$]*$/ };
  };
}
