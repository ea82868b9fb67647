import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxExpressionEvaluator } from '../../../server/expressions/sandbox-expression-evaluator.js';
import type { ExpressionEvaluator, RenderResult } from '../../../server/runners/runner.js';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool } from '../../../server/sandbox/sandbox-types.js';
import { scopeOf, stillAnswers } from './support.js';

let pool: SandboxPool;
let evaluator: ExpressionEvaluator;
beforeAll(() => {
  pool = createSandboxPool({ size: 2 });
  evaluator = createSandboxExpressionEvaluator(pool, { limits: { timeoutMs: 300 } });
});
afterAll(() => pool.close());

const scope = scopeOf();
const valueOf = (r: RenderResult): unknown => {
  if (!r.ok) throw new Error(`expected a value, got ${r.error.code}: ${r.error.message}`);
  return r.value;
};
/** Renders and reports how many sandbox calls it took. */
async function render(value: unknown) {
  const before = pool.stats().calls;
  const result = await evaluator.render(value, scope);
  return { result, calls: pool.stats().calls - before };
}

describe('rendering {{ }} expressions', () => {
  it('keeps the type of a field that is exactly one expression', async () => {
    const { result } = await render({
      n: '{{ trigger.body.id * 100 }}',
      b: '{{ trigger.body.items.includes(2) }}',
      o: '{{ ({ email: trigger.body.customer.email.toLowerCase() }) }}',
      a: '{{ trigger.body.items.map((x) => x * 2) }}',
      z: '{{ null }}',
      s: '  {{ `#${trigger.body.id}` }}  ',
      u: '{{ undefined }}',
    });
    expect(valueOf(result)).toEqual({ n: 700, b: true, o: { email: 'ada@example.com' }, a: [2, 4, 6], z: null, s: '#7', u: undefined });
  });

  it('interpolates mixed text, writing objects as JSON and nothing for null', async () => {
    const { result } = await render('Order {{ trigger.body.id }} for {{ trigger.body.customer.name.toUpperCase() }}: {{ trigger.body.items }} {{ null }}!');
    expect(valueOf(result)).toBe('Order 7 for ADA: [1,2,3] !');
  });

  it('renders strings anywhere in a value and leaves the rest alone', async () => {
    const value = { method: 'POST', retries: 3, on: true, headers: { 'X-Order': '{{ trigger.body.id + 1 }}' }, body: [{ text: 'hi {{ trigger.body.customer.name }}' }, 5, null] };
    const { result } = await render(value);
    expect(valueOf(result)).toEqual({ method: 'POST', retries: 3, on: true, headers: { 'X-Order': 8 }, body: [{ text: 'hi Ada' }, 5, null] });
    expect(value.headers['X-Order']).toBe('{{ trigger.body.id + 1 }}');
  });

  it('keeps a "__proto__" key of a rendered object a key, and gives the object no other prototype', async () => {
    const value = JSON.parse('{"body": {"__proto__": {"polluted": "{{ trigger.body.id }}"}, "plain": "{{ trigger.body.id }}"}}') as unknown;
    const { result } = await render(value);
    const body = (valueOf(result) as { body: Record<string, unknown> }).body;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(['__proto__', 'plain']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({ polluted: 7 });
    expect('polluted' in body).toBe(false);
  });

  it("evaluates all of a value's expressions in one sandbox call", async () => {
    const fields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, `{{ trigger.body.id + ${i} }}`]));
    const { result, calls } = await render(fields);
    expect(calls).toBe(1);
    expect(Object.values(valueOf(result) as Record<string, number>)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('reads plain data paths on the host without a sandbox call', async () => {
    const { result, calls } = await render({
      id: '{{ trigger.body.id }}',
      n: '{{ trigger.body.items.length }}',
      e: '{{ trigger.headers["content-type"] }}',
      s: '{{ steps.hook }}',
      none: '{{ trigger.body.nope }}',
      t: 'x{{ input.id }}',
    });
    expect(calls).toBe(0);
    expect(valueOf(result)).toEqual({ id: 7, n: 3, e: 'application/json', s: { id: 7 }, none: undefined, t: 'x7' });
  });

  it('leaves to the sandbox the paths where JavaScript does more than read data', async () => {
    const { result, calls } = await render({ len: '{{ trigger.body.customer.name.length }}' });
    expect(calls).toBe(1);
    expect(valueOf(result)).toEqual({ len: 3 });
  });

  it('hands out copies, so changing a rendered value leaves the scope alone', async () => {
    const { result } = await render({ s: '{{ steps.hook }}' });
    (valueOf(result) as { s: { id: number } }).s.id = 99;
    expect(scope.steps.hook).toEqual({ id: 7 });
  });

  it('has the sandbox helpers', async () => {
    const { result } = await render({
      h: '{{ crypto.hash("sha256", trigger.body.customer.email) }}',
      d: '{{ dayjs.utc(0).add(1, "day").format("YYYY-MM-DD") }}',
      s: '{{ text.slugify(trigger.body.customer.name + " Lovelace") }}',
    });
    expect(valueOf(result)).toEqual({ h: createHash('sha256').update('Ada@Example.com').digest('hex'), d: '1970-01-02', s: 'ada-lovelace' });
  });
});

describe('expression errors point at the field', () => {
  it('says which expression in which field failed, and why', async () => {
    const { result } = await render({ url: 'https://crm.example.com/{{ trigger.body.customer.nope.toLowerCase() }}', ok: '{{ 1 + 1 }}' });
    expect(result).toMatchObject({ ok: false, error: { code: 'expression_error', path: 'url', reason: 'code_error', retryable: false } });
    expect(result.ok ? '' : result.error.message).toBe('{{ trigger.body.customer.nope.toLowerCase() }} in "url" failed: TypeError: Cannot read properties of undefined (reading \'toLowerCase\')');
  });

  it('reports a syntax error without running anything', async () => {
    const { result, calls } = await render({ body: { text: '{{ trigger.body. }}' } });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'expression_error', path: 'body.text', reason: 'syntax_error' } });
  });

  it('refuses statements smuggled into an expression', async () => {
    const { result, calls } = await render('{{ 1); globalThis.x = (2 }}');
    expect(calls).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { reason: 'syntax_error' } });
  });

  it('refuses a function as a value', async () => {
    const { result } = await render({ v: '{{ steps.hook.constructor }}' });
    expect(result).toMatchObject({ ok: false, error: { path: 'v', reason: 'output_invalid' } });
  });

  it('cannot reach the host', async () => {
    const { result } = await render({ p: "{{ this.constructor.constructor('return process')() }}" });
    expect(result).toMatchObject({ ok: false, error: { path: 'p', reason: 'code_error' } });
    expect(result.ok ? '' : result.error.message).toContain('ReferenceError: process is not defined');
  });

  it('fails the whole render when the batch hits a limit, and the pool carries on', async () => {
    const { result } = await render({ a: '{{ (() => { for (;;) {} })() }}', b: 'x {{ 2 }}' });
    expect(result).toMatchObject({ ok: false, error: { code: 'expression_error', reason: 'timeout', path: 'a' } });
    expect(result.ok ? '' : result.error.message).toContain('The expressions in "a", "b" could not be evaluated');
    expect(await stillAnswers(pool)).toBe(true);
  });
});
