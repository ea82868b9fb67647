import { collectTemplateFields, lookupPath, parseTemplate, pathSegments, singleExpression, stringifyForTemplate } from '../../shared/graph/templates.js';
import type { ExpressionEvaluator, RenderResult } from '../../server/runners/runner.js';
import type { StepScope } from '../../server/engine/step-types.js';

/**
 * A test double of the expression evaluator that is still real code: it renders templates whose
 * expressions are plain data paths, on the host, over own properties
 * only: no user code runs. Anything beyond a path is refused with a clear error; the sandbox
 * evaluator handles those.
 */
export function createPathExpressionEvaluator(): ExpressionEvaluator {
  return {
    async render(value: unknown, scope: StepScope): Promise<RenderResult> {
      for (const field of collectTemplateFields(value)) {
        for (const part of parseTemplate(field.source)) {
          if ('expr' in part && !pathSegments(part.expr)) {
            return { ok: false, error: { code: 'expression_error', message: `{{ ${part.expr} }} is not a data path.`, path: field.path } };
          }
        }
      }
      return { ok: true, value: renderPaths(value, scope) };
    },
  };
}

/** Replaces every template in a value by resolving its paths; exported for the sandbox evaluator's fast path. */
export function renderPaths(value: unknown, scope: StepScope): unknown {
  if (typeof value === 'string') {
    const single = singleExpression(value);
    if (single !== undefined) return lookupPath(scope, pathSegments(single) ?? []);
    if (!value.includes('{{')) return value;
    return parseTemplate(value)
      .map((p) => ('text' in p ? p.text : stringifyForTemplate(lookupPath(scope, pathSegments(p.expr) ?? []))))
      .join('');
  }
  if (Array.isArray(value)) return value.map((v) => renderPaths(v, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderPaths(v, scope)]));
  }
  return value;
}
