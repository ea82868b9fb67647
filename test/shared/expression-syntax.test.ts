import { describe, expect, it } from 'vitest';
import { checkCodeSyntax, checkExpressionSyntax } from '../../shared/graph/expression-syntax.js';
import { validateWorkflow } from '../../shared/graph/validate-workflow.js';

describe('checkExpressionSyntax', () => {
  it.each([
    'trigger.body.id',
    'trigger.body.amount * 100',
    'steps.lookup.email.toLowerCase()',
    '({ a: 1 })',
    '(a) + (b)',
    'items.map((x) => x * 2)',
    '`Order ${trigger.body.id}`',
    'a ?? b',
    'x // a trailing comment',
    'dayjs().format("YYYY")',
  ])('accepts %s', (expr) => {
    expect(checkExpressionSyntax(expr)).toBeUndefined();
  });

  it('says where an expression breaks off', () => {
    expect(checkExpressionSyntax('trigger.body.')).toBe('Unexpected token at character 14.');
  });

  it.each(['a; b', '1); globalThis.x = (2', 'return 1', 'let x = 1'])('refuses statements: %s', (expr) => {
    expect(checkExpressionSyntax(expr)).toBeTypeOf('string');
  });

  it('refuses an empty expression', () => {
    expect(checkExpressionSyntax('  ')).toBe('The expression is empty.');
  });
});

describe('checkCodeSyntax', () => {
  it('accepts the body of an async function', () => {
    expect(checkCodeSyntax('const r = await fetchLater;\nif (!r) return null;\nreturn { r };')).toBeUndefined();
  });

  it('names the line and column of a syntax error', () => {
    expect(checkCodeSyntax('const a = 1;\nconst b = ;')).toBe('Line 2, column 11: Unexpected token.');
  });
});

describe('validateWorkflow with the syntax checks', () => {
  const workflow = (config: Record<string, unknown>, type = 'http') => ({
    name: 'w',
    nodes: [
      { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
      { id: 'post', type, position: { x: 1, y: 0 }, config },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'post' }],
  });

  it('reports a broken expression with its node and field when saving', () => {
    const result = validateWorkflow(workflow({ method: 'POST', url: 'https://x.example.com', headers: {}, body: { text: '{{ trigger.body. }}' } }), { checkExpression: checkExpressionSyntax });
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual({ nodeId: 'post', path: 'config.body.text', message: '{{ trigger.body. }}: Unexpected token at character 14.', severity: 'error' });
  });

  it('reports a code step that does not parse with its line', () => {
    const result = validateWorkflow(workflow({ code: 'return {' }, 'code'));
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual({ nodeId: 'post', path: 'config.code', message: 'Syntax error. Line 1, column 9: Unexpected token.', severity: 'error' });
  });
});
