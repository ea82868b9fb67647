import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../shared/graph/validate-workflow.js';
import { edge, hookToHttp, node } from '../support/workflows.js';

const messages = (input: unknown) =>
  validateWorkflow(input)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.nodeId ?? i.edgeId ?? ''}|${i.path}|${i.message}`);

describe('validateWorkflow', () => {
  it('accepts a webhook -> http workflow and fills defaults', () => {
    const r = validateWorkflow(hookToHttp('https://example.com/x'));
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
  });

  it('refuses a graph without a trigger and one with two', () => {
    expect(messages({ name: 'x', nodes: [node('a', 'http', { url: 'https://e.com' })], edges: [] })).toEqual([expect.stringContaining('Add a trigger')]);
    const two = messages({ name: 'x', nodes: [node('a', 'webhook'), node('b', 'webhook')], edges: [] });
    expect(two).toEqual([expect.stringMatching(/^b\|nodes\|A workflow has exactly one trigger/)]);
  });

  it('points at dangling edges, unknown types and self loops', () => {
    const m = messages({
      name: 'x',
      nodes: [node('hook', 'webhook'), node('odd', 'teleport'), node('h', 'http', { url: 'https://e.com' })],
      edges: [edge('hook', 'ghost'), edge('h', 'h'), edge('hook', 'h')],
    });
    expect(m).toContain('odd|nodes[1].type|Unknown node type "teleport".');
    expect(m).toContain('hook-out-ghost|edges[0].target|The edge ends at "ghost", which is not a node.');
    expect(m).toContain('h-out-h|edges[1]|A node cannot connect to itself.');
  });

  it('flags an HTTP URL that is not whole yet (the bare https:// a new step starts with), and lets templated ones through', () => {
    const urlErrors = (url: string) => messages(hookToHttp(url)).filter((m) => m.includes('config.url'));
    expect(urlErrors('https://')).toEqual([expect.stringContaining('Enter a complete URL')]);
    expect(urlErrors('example.com/hook')).toEqual([expect.stringContaining('Enter a complete URL')]);
    expect(urlErrors('ftp://files.example.com/x')).toEqual([expect.stringContaining('http:// or https://')]);
    expect(urlErrors('ftp://{{ trigger.body.host }}/x')).toEqual([expect.stringContaining('http:// or https://')]);
    expect(urlErrors('https://example.com/hook')).toEqual([]);
    expect(urlErrors('https://{{ trigger.body.host }}/x')).toEqual([]);
    expect(urlErrors('{{ steps.lookup.url }}')).toEqual([]);
  });

  it('finds cycles and names every node on them', () => {
    const m = messages({
      name: 'x',
      nodes: [node('hook', 'webhook'), node('a', 'filter', { rules: [{ field: 'x', operator: 'exists' }] }), node('b', 'filter', { rules: [{ field: 'x', operator: 'exists' }] })],
      edges: [edge('hook', 'a'), edge('a', 'b'), edge('b', 'a')],
    });
    expect(
      m
        .filter((x) => x.includes('cycle'))
        .map((x) => x.split('|')[0])
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('checks each config against its node type with a path into the config', () => {
    const m = messages({ name: 'x', nodes: [node('hook', 'webhook'), node('h', 'http', { method: 'FETCH' })], edges: [edge('hook', 'h')] });
    expect(m.some((x) => x.startsWith('h|config.method|'))).toBe(true);
    expect(m.some((x) => x.startsWith('h|config.url|'))).toBe(true);
  });

  it('requires a branch edge to name "true" or "false" and refuses edges into the trigger', () => {
    const rules = { rules: [{ field: 'trigger.body.x', operator: 'exists' }] };
    const m = messages({
      name: 'x',
      nodes: [node('hook', 'webhook'), node('b', 'branch', rules), node('h', 'http', { url: 'https://e.com' })],
      edges: [edge('hook', 'b'), edge('b', 'h'), edge('h', 'hook')],
    });
    expect(m).toContain('b-out-h|edges[1].sourceHandle|"b" has no output "out"; use one of "true", "false".');
    expect(m).toContain('h-out-hook|edges[2].target|Nothing can connect into a trigger.');
  });

  it('reports unclosed and empty templates, and runs the injected expression checker', () => {
    const wf = hookToHttp('https://e.com/{{ trigger.body.id', { a: '{{ }}', b: '{{ 1 + }}' });
    const r = validateWorkflow(wf, { checkExpression: (e) => (e.endsWith('+') ? 'Unexpected end of expression' : undefined) });
    const m = r.issues.map((i) => `${i.path}: ${i.message}`);
    expect(m).toContain('config.url: A "{{" has no matching "}}".');
    expect(m).toContain('config.body.a: An expression is empty: write something between {{ and }}.');
    expect(m).toContain('config.body.b: {{ 1 + }}: Unexpected end of expression');
  });

  it('warns, without refusing, about nodes the trigger never reaches', () => {
    const r = validateWorkflow({ name: 'x', nodes: [node('hook', 'webhook'), node('lonely', 'http', { url: 'https://e.com' })], edges: [] });
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ nodeId: 'lonely', severity: 'warning' })]);
  });

  it('refuses malformed top-level shapes and bad ids without throwing', () => {
    expect(validateWorkflow(null).ok).toBe(false);
    expect(validateWorkflow({ name: '', nodes: 'x' }).ok).toBe(false);
    expect(messages({ name: 'x', nodes: [node('has space', 'webhook')], edges: [] })[0]).toMatch(/nodes\[0\]\.id/);
    expect(messages({ name: 'x', nodes: [node('__proto__', 'constructor')], edges: [] })).toContain('__proto__|nodes[0].type|Unknown node type "constructor".');
  });
});
