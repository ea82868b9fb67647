import { boundedMemo } from '../lib/bounded-memo.js';
import type { StepScope } from '../runners/runner.js';

// Ways code can reach its parameters without naming them: `arguments`, a direct `eval`, or an
// identifier spelled with a unicode escape (`\u0074rigger`). Any of them: send everything.
const OPAQUE = /\barguments\b|\beval\b|\\u/;
// `steps.id` or `steps["id"]` / `steps['id']`: a read of one step's output.
const STEP_READ = /\bsteps\s*(?:\?\.\s*|\.\s*)([A-Za-z_$][\w$]*)|\bsteps\s*(?:\?\.\s*)?\[\s*(['"])([A-Za-z0-9_-]+)\2\s*\]/g;

/** What a source reads: each root, and of `steps` every output (`all`), none, or the ones named. */
interface Needs {
  all: boolean;
  trigger: boolean;
  input: boolean;
  vars: boolean;
  steps: 'all' | readonly string[];
}

// The same sources come back for every run of a workflow: read each once (bounded, oldest out).
const needsOf = boundedMemo((text: string): Needs => {
  const mentions = (name: string) => new RegExp(`\\b${name}\\b`).test(text);
  return OPAQUE.test(text)
    ? { all: true, trigger: true, input: true, vars: true, steps: 'all' }
    : { all: false, trigger: mentions('trigger'), input: mentions('input'), vars: mentions('vars'), steps: stepsRead(text) };
}, 500);

/**
 * The part of a scope some code or expressions can read, so that large data they never touch
 * (a 10,000-line trigger body, in every item of a loop) is not copied into the sandbox. Pure
 * and conservative: a root is dropped only when its name appears nowhere in the source, not
 * even in a string or a comment, and `steps` is narrowed to named reads only when every
 * mention of it is one. When in doubt, everything is sent.
 */
export function scopeNeededBy(sources: readonly string[], scope: StepScope): StepScope {
  const needs = needsOf(sources.join('\n'));
  if (needs.all) return scope;
  return {
    trigger: needs.trigger ? scope.trigger : { body: undefined, headers: {}, query: {}, method: scope.trigger.method },
    input: needs.input ? scope.input : undefined,
    steps: needs.steps === 'all' ? scope.steps : pick(scope.steps, needs.steps),
    vars: needs.vars ? (scope.vars ?? {}) : {},
    // A few bytes: always sent, so a mention in whatever spelling still finds it.
    ...(scope.run ? { run: scope.run } : {}),
  };
}

/** Every step output (`all`) when a mention of `steps` is not a named read; else the ids read. */
function stepsRead(text: string): 'all' | string[] {
  const all = text.match(/\bsteps\b/g)?.length ?? 0;
  if (all === 0) return [];
  const named = [...text.matchAll(STEP_READ)];
  if (named.length !== all) return 'all';
  return named.map((m) => m[1] ?? m[3]).filter((id): id is string => id !== undefined);
}

function pick(steps: StepScope['steps'], ids: readonly string[]): StepScope['steps'] {
  const out: StepScope['steps'] = {};
  for (const id of ids) {
    if (Object.hasOwn(steps, id)) Object.defineProperty(out, id, { value: steps[id], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
