import { pathSegments } from '../../shared/graph/templates.js';
import type { StepScope } from '../engine/step-types.js';
import { boundedMemo } from '../lib/bounded-memo.js';

const ROOTS: ReadonlySet<string> = new Set(['trigger', 'input', 'steps', 'vars', 'run']);

/** An expression's path keys, split once per expression text (a workflow renders the same ones on every run). */
const segmentsOf = boundedMemo(pathSegments);

/**
 * Resolves a plain data path (`trigger.body.id`, `steps.lookup.items[0]`) on the host, with
 * exactly the result JavaScript would give, or returns undefined to let the sandbox decide.
 * No user code runs here: only own properties of JSON data are read. Whenever JavaScript
 * would do something else (read a property of a string, reach an inherited member such as
 * `length` of a string or `constructor`, or throw on `undefined.x`), the sandbox evaluates
 * the expression so the value and the error message are the real ones.
 */
export function resolveDataPath(expr: string, scope: StepScope): { value: unknown } | undefined {
  const keys = segmentsOf(expr);
  const root = keys?.[0];
  if (!keys || root === undefined || !ROOTS.has(root)) return undefined;
  let cur: unknown = scope[root as keyof StepScope];
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Object.hasOwn(cur, key)) {
      cur = (cur as Record<string, unknown>)[key];
      continue;
    }
    if (key in cur) return undefined;
    cur = undefined; // a missing key of a plain object or array reads as undefined in JavaScript too
  }
  return { value: cur };
}
