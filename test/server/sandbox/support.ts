import type { StepScope } from '../../../server/runners/runner.js';
import type { SandboxPool, SandboxResult } from '../../../server/sandbox/sandbox-types.js';

/** A scope shaped like the executor's, with an order webhook as the trigger. */
export function scopeOf(partial: Partial<StepScope> = {}): StepScope {
  return {
    trigger: { body: { id: 7, items: [1, 2, 3], customer: { email: 'Ada@Example.com', name: 'Ada' } }, headers: { 'content-type': 'application/json' }, query: {}, method: 'POST' },
    input: { id: 7 },
    steps: { hook: { id: 7 } },
    ...partial,
  };
}

/** The value of a successful result, or a failed assertion that shows the error. */
export function valueOf<T>(result: SandboxResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Runs a code step with the default scope. */
export const run = (pool: SandboxPool, code: string, limits?: { memoryMb?: number; timeoutMs?: number }) => pool.runCode({ code, scope: scopeOf(), limits: limits ?? {} });

/** The pool still answers a trivial call correctly. */
export async function stillAnswers(pool: SandboxPool): Promise<boolean> {
  const r = await pool.runCode({ code: 'return trigger.body.id + 1', scope: scopeOf() });
  return r.ok && r.value === 8;
}
