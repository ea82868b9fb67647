import { describe, expect, it } from 'vitest';
import { scopeNeededBy } from '../../../server/sandbox/scope-needs.js';
import type { StepScope } from '../../../server/runners/runner.js';

const scope: StepScope = {
  trigger: { body: { lines: [1, 2, 3] }, headers: { a: 'b' }, query: {}, method: 'POST' },
  input: { n: 1 },
  steps: { hook: { big: true }, shape: { x: 1 }, 'my-step': { y: 2 } },
  run: { id: 'r-1' },
};

describe('scopeNeededBy', () => {
  it('leaves out roots the code never names', () => {
    const s = scopeNeededBy(['return input.n * 2'], scope);
    expect(s.input).toEqual({ n: 1 });
    expect(s.trigger.body).toBeUndefined();
    expect(s.steps).toEqual({});
    // The run's id is a few bytes: always sent.
    expect(s.run).toEqual({ id: 'r-1' });
  });

  it('narrows steps to the ones read by name, with dots, brackets or optional chaining', () => {
    expect(scopeNeededBy(['return steps.shape.x + steps["my-step"].y + steps?.hook'], scope).steps).toEqual(scope.steps);
    expect(scopeNeededBy(['return steps.shape.x'], scope).steps).toEqual({ shape: { x: 1 } });
    expect(scopeNeededBy(["steps['my-step'].y", 'steps.nope'], scope).steps).toEqual({ 'my-step': { y: 2 } });
  });

  it('sends all of steps when it is used as a whole', () => {
    expect(scopeNeededBy(['const { shape } = steps; return shape'], scope).steps).toBe(scope.steps);
    expect(scopeNeededBy(['return steps[key]'], scope).steps).toBe(scope.steps);
    expect(scopeNeededBy(['return Object.keys(steps)'], scope).steps).toBe(scope.steps);
  });

  it('sends everything when the code could reach its parameters without naming them', () => {
    for (const code of ['return arguments[0]', 'return eval("trig" + "ger")', 'return \\u0074rigger.body']) {
      expect(scopeNeededBy([code], scope)).toBe(scope);
    }
  });

  it('counts a name in a string or comment as a use (it errs on sending more)', () => {
    expect(scopeNeededBy(['// trigger\nreturn 1'], scope).trigger).toBe(scope.trigger);
  });
});
