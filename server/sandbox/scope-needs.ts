import type { StepScope } from '../runners/runner.js';

// Ways code can reach its parameters without naming them: `arguments`, a direct `eval`, or an
// identifier spelled with a unicode escape (`\u0074rigger`). Any of them: send everything.
const OPAQUE = /\barguments\b|\beval\b|\\u/;
// `steps.id` or `steps["id"]` / `steps['id']`: a read of one step's output.
const STEP_READ = /\bsteps\s*(?:\?\.\s*|\.\s*)([A-Za-z_$][\w$]*)|\bsteps\s*(?:\?\.\s*)?\[\s*(['"])([A-Za-z0-9_-]+)\2\s*\]/g;

/**
 * The part of a scope some code or expressions can read, so that large data they never touch
 * (a 10,000-line trigger body, in every item of a loop) is not copied into the sandbox. Pure
 * and conservative: a root is dropped only when its name appears nowhere in the source, not
 * even in a string or a comment, and `steps` is narrowed to named reads only when every
 * mention of it is one. When in doubt, everything is sent.
 */
export function scopeNeededBy(sources: readonly string[], scope: StepScope): StepScope {
  const text = sources.join('\n');
  if (OPAQUE.test(text)) return scope;
  const mentions = (name: string) => new RegExp(`\\b${name}\\b`).test(text);
  return {
    trigger: mentions('trigger') ? scope.trigger : { body: undefined, headers: {}, query: {}, method: scope.trigger.method },
    input: mentions('input') ? scope.input : undefined,
    steps: stepsNeeded(text, scope.steps),
    vars: mentions('vars') ? (scope.vars ?? {}) : {},
  };
}

function stepsNeeded(text: string, steps: StepScope['steps']): StepScope['steps'] {
  const all = text.match(/\bsteps\b/g)?.length ?? 0;
  if (all === 0) return {};
  const named = [...text.matchAll(STEP_READ)];
  if (named.length !== all) return steps;
  const out: StepScope['steps'] = {};
  for (const m of named) {
    const id = m[1] ?? m[3];
    if (id !== undefined && Object.hasOwn(steps, id)) Object.defineProperty(out, id, { value: steps[id], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
