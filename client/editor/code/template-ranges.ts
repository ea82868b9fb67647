/**
 * Where the `{{ }}` expressions of a templated string sit, and what is wrong with each, with
 * the same rules and words as validation (shared/graph/validate-workflow.ts), so the field
 * marks inline exactly what saving would refuse.
 */

export interface TemplateRange {
  /** Offsets of `{{` and just after `}}` (or the end of the text when unclosed). */
  from: number;
  to: number;
  expr: string;
  closed: boolean;
}

/** Every `{{ … }}` in the text, and an unclosed `{{` running to the end. */
export function templateRanges(text: string): TemplateRange[] {
  const out: TemplateRange[] = [];
  let at = text.indexOf('{{');
  while (at >= 0) {
    const end = text.indexOf('}}', at + 2);
    if (end < 0) {
      out.push({ from: at, to: text.length, expr: text.slice(at + 2).trim(), closed: false });
      break;
    }
    out.push({ from: at, to: end + 2, expr: text.slice(at + 2, end).trim(), closed: true });
    at = text.indexOf('{{', end + 2);
  }
  return out;
}

export interface TemplateProblem {
  from: number;
  to: number;
  message: string;
}

/** The problems of each expression; `check` is the shared expression syntax check (acorn). */
export function templateProblems(text: string, check: (expr: string) => string | undefined): TemplateProblem[] {
  return templateRanges(text).flatMap((r): TemplateProblem[] => {
    if (!r.closed) return [{ from: r.from, to: r.to, message: 'A "{{" has no matching "}}".' }];
    if (r.expr === '') return [{ from: r.from, to: r.to, message: 'An expression is empty: write something between {{ and }}.' }];
    const problem = check(r.expr);
    return problem ? [{ from: r.from, to: r.to, message: problem }] : [];
  });
}

/** True when the caret (an offset) sits inside an open `{{`, where data completion applies. */
export function insideTemplate(text: string, caret: number): boolean {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  return open >= 0 && before.lastIndexOf('}}') < open;
}
