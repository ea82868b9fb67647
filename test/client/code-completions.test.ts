import { describe, expect, it } from 'vitest';
import { completionScope, pathBefore, suggestionsAfter } from '../../client/editor/code/completions.js';
import { insideTemplate, templateProblems, templateRanges } from '../../client/editor/code/template-ranges.js';
import { checkExpressionSyntax } from '../../shared/graph/expression-syntax.js';

const data = {
  trigger: { body: { order: { id: 7, 'e-mail': 'a@b.test' }, items: [1, 2] }, headers: {}, query: {}, method: 'POST' },
  steps: { lookup: { email: 'a@b.test', plan: 'pro' } },
};
const scope = completionScope(data, 'lookup', ['hook', 'lookup', 'later']);
const labels = (keys: (string | number)[]) => suggestionsAfter(scope, keys).map((s) => s.label);

describe('code completion', () => {
  it('reads the path before the caret', () => {
    expect(pathBefore('return steps.lookup.em')).toEqual({ keys: ['steps', 'lookup'], prefix: 'em', member: true });
    expect(pathBefore('const x = trigger.')).toEqual({ keys: ['trigger'], prefix: '', member: true });
    expect(pathBefore('x = tri')).toEqual({ keys: [], prefix: 'tri', member: false });
    expect(pathBefore('trigger.body.items[0].')).toEqual({ keys: ['trigger', 'body', 'items', 0], prefix: '', member: true });
    expect(pathBefore('a + ')).toBeUndefined();
    // A member of a call's result is not a data path.
    expect(pathBefore('foo().trigger.')).toBeUndefined();
  });

  it('offers the data, the earlier steps and the helpers at the start', () => {
    expect(labels([])).toEqual(expect.arrayContaining(['trigger', 'input', 'steps', 'vars', 'run', 'dayjs', 'crypto', 'text', 'list']));
    // The run's id exists only once a run does: offered without a sample.
    expect(labels(['run'])).toEqual(['id']);
  });

  it('offers the keys of the sample event, of each earlier step and of input', () => {
    expect(labels(['trigger'])).toEqual(['body', 'headers', 'query', 'method']);
    expect(labels(['trigger', 'body', 'order'])).toEqual(['id', 'e-mail']);
    expect(suggestionsAfter(scope, ['trigger', 'body', 'order']).find((s) => s.label === 'e-mail')?.bracket).toBe(true);
    expect(labels(['steps'])).toEqual(['hook', 'lookup', 'later']);
    expect(suggestionsAfter(scope, ['steps']).find((s) => s.label === 'later')?.detail).toBe('no output yet');
    expect(labels(['steps', 'lookup'])).toEqual(['email', 'plan']);
    // input is the output of the first incoming step.
    expect(labels(['input'])).toEqual(['email', 'plan']);
    expect(labels(['trigger', 'nothing'])).toEqual([]);
  });

  it('takes the trigger event as input right after the trigger', () => {
    const first = completionScope(data, 'hook', ['hook']);
    expect(suggestionsAfter(first, ['input']).map((s) => s.label)).toEqual(['body', 'headers', 'query', 'method']);
  });

  it('offers the sandbox helpers of a namespace with their signatures', () => {
    const crypto = suggestionsAfter(scope, ['crypto']);
    expect(crypto.map((s) => s.label)).toEqual(['hash', 'hmac', 'randomUUID', 'timingSafeEqual']);
    expect(crypto[0]).toMatchObject({ kind: 'function', detail: '(algorithm, text, encoding?)' });
    expect(labels(['text'])).toContain('slugify');
  });
});

describe('templates in a field', () => {
  it('finds each {{ }} and an unclosed one', () => {
    expect(templateRanges('Hi {{ trigger.body.name }}, {{ x')).toEqual([
      { from: 3, to: 26, expr: 'trigger.body.name', closed: true },
      { from: 28, to: 32, expr: 'x', closed: false },
    ]);
  });

  it('reports what validation reports, where it is', () => {
    const problems = templateProblems('a {{ trigger.body. }} b {{ }} c {{ ok }} {{', checkExpressionSyntax);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Unexpected token/), 'An expression is empty: write something between {{ and }}.', 'A "{{" has no matching "}}".']);
    expect(problems[0]).toMatchObject({ from: 2, to: 21 });
  });

  it('knows when the caret is inside {{ }}', () => {
    expect(insideTemplate('x {{ trig', 9)).toBe(true);
    expect(insideTemplate('x {{ a }} y', 11)).toBe(false);
  });
});
