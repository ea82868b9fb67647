import type { StepError } from '../../shared/runs/run-status.js';
import type { ExpressionEvaluator, RenderResult } from '../runners/runner.js';
import type { ExpressionResult, SandboxError, SandboxLimits, SandboxPool } from '../sandbox/sandbox-types.js';
import { createSyntaxMemo } from '../sandbox/syntax-memo.js';
import { resolveDataPath } from './data-path.js';
import { applyTemplates, collectTemplates, type TemplatedString } from './render-plan.js';
import type { StepScope } from '../engine/step-types.js';

export interface ExpressionEvaluatorOptions {
  /** Limits of the one sandbox call a render makes (defaults: 64 MB, 1 s). */
  limits?: Partial<SandboxLimits>;
}

/** Host-resolved values are copied, so a runner changing its rendered config cannot reach the scope. */
const copyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? structuredClone(v) : v);

const fieldName = (path: string): string => (path ? `"${path}"` : 'the field');

/** A failed expression as a step error that names the field and the expression. */
function expressionError(field: TemplatedString, expr: string, error: SandboxError, count: number): StepError {
  const more = count > 1 ? ` (${count - 1} more expression${count > 2 ? 's' : ''} failed too)` : '';
  return {
    code: 'expression_error',
    message: `{{ ${expr} }} in ${fieldName(field.path)} failed: ${error.message}${more}`,
    path: field.path,
    expression: expr,
    reason: error.code,
    retryable: false,
  };
}

/** The whole batch failed (time or memory limit, crash): name every field involved. */
function batchError(fields: TemplatedString[], error: SandboxError): StepError {
  const names = [...new Set(fields.map((f) => fieldName(f.path)))];
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return {
    code: 'expression_error',
    message: `The expressions in ${shown} could not be evaluated: ${error.message}`,
    path: fields[0]?.path ?? '',
    reason: error.code,
    // Only a crash that this render did not cause is worth another attempt.
    retryable: error.code === 'sandbox_crashed' && (error.reason === 'exited' || error.reason === 'closed'),
  };
}

/**
 * Renders every `{{ }}` of a value with one sandbox call per render (plain data paths are
 * read on the host, no call at all when there is nothing else).
 */
export function createSandboxExpressionEvaluator(pool: SandboxPool, options: ExpressionEvaluatorOptions = {}): ExpressionEvaluator {
  const checkSyntax = createSyntaxMemo();
  return {
    async render(value: unknown, scope: StepScope): Promise<RenderResult> {
      const fields = collectTemplates(value);
      if (fields.length === 0) return { ok: true, value };

      const results = new Map<string, ExpressionResult>();
      const forSandbox: string[] = [];
      const queued = new Set<string>();
      for (const field of fields) {
        for (const part of field.parts) {
          if (!('expr' in part) || results.has(part.expr) || queued.has(part.expr)) continue;
          const problem = checkSyntax(part.expr);
          const onHost = problem ? undefined : resolveDataPath(part.expr, scope);
          if (problem) results.set(part.expr, { ok: false, error: { code: 'syntax_error', message: `SyntaxError: ${problem}` } });
          else if (onHost) results.set(part.expr, { ok: true, value: copyOf(onHost.value) });
          else {
            forSandbox.push(part.expr);
            queued.add(part.expr);
          }
        }
      }

      if (forSandbox.length) {
        const batch = await pool.evaluate({ expressions: forSandbox, scope, limits: options.limits ?? {} });
        if (!batch.ok)
          return {
            ok: false,
            error: batchError(
              fields.filter((f) => f.parts.some((p) => 'expr' in p && queued.has(p.expr))),
              batch.error,
            ),
          };
        forSandbox.forEach((expr, i) => results.set(expr, batch.value[i] as ExpressionResult));
      }

      const failures = fields.flatMap((field) =>
        field.parts.flatMap((p) => {
          const r = 'expr' in p ? results.get(p.expr) : undefined;
          return r && !r.ok ? [{ field, expr: (p as { expr: string }).expr, error: r.error }] : [];
        }),
      );
      const first = failures[0];
      if (first) return { ok: false, error: expressionError(first.field, first.expr, first.error, failures.length) };

      return { ok: true, value: applyTemplates(value, (expr) => (results.get(expr) as { value: unknown }).value) };
    },
  };
}
