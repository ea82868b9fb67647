import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertN8nWorkflow } from '../../../shared/import/n8n/convert.js';
import { mayReturnSeveral } from '../../../shared/import/n8n/item-loops.js';

type N = { name: string; type: string; parameters?: Record<string, unknown>; disabled?: boolean };

/** A small n8n export: nodes in a chain unless `connections` says otherwise. */
function exportOf(nodes: N[], connections: Record<string, Array<[string, number?, number?]>>) {
  return {
    name: 'items',
    nodes: nodes.map((n, i) => ({ parameters: {}, typeVersion: 2, position: [i * 200, 0], ...n, type: `n8n-nodes-base.${n.type}` })),
    connections: Object.fromEntries(
      Object.entries(connections).map(([from, tos]) => {
        const outputs: Array<Array<{ node: string; type: string; index: number }>> = [];
        for (const [node, output = 0, index = 0] of tos) (outputs[output] ??= []).push({ node, type: 'main', index });
        return [from, { main: outputs }];
      }),
    ),
  };
}

function convert(input: unknown) {
  const r = convertN8nWorkflow(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return {
    ...r,
    node: (id: string) => r.workflow.nodes.find((n) => n.id === id),
    edges: r.workflow.edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`),
  };
}

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/n8n', name), 'utf8')) as unknown;
const several = { jsCode: 'return [1, 2].map((n) => ({ json: { n } }));' };
const post = { method: 'POST', url: 'http://127.0.0.1:9/x', sendBody: true, specifyBody: 'json', jsonBody: '={{ { n: $json.n, of: $input.all().length } }}' };

describe('n8n items made explicit', () => {
  it.each([
    ['return [{ json: { ok: true } }];', false],
    ['return { json: { a: 1 } };', false],
    ['return $input.first();', false],
    ['// nothing returned', false],
    ['return items;', true],
    ['return $input.all().map((i) => i);', true],
    ['const out = [];\nfor (const i of items) out.push(i);\nreturn out;', true],
    ['if (x) return [{ json: {} }];\nreturn items;', true],
  ])('code %j may return several items: %s', (code, expected) => {
    expect(mayReturnSeveral(code)).toBe(expected);
  });

  it('loops over a Merge (append) of 2 and 3 items so the HTTP Request after it runs once per item (fixture 30)', () => {
    const r = convert(fixture('30-merge-append-per-item.json'));
    expect(r.node('merge_each_item')).toMatchObject({ type: 'loop', config: { items: '{{ [].concat(steps.team ?? [], steps.guests?.body ?? []) }}', concurrency: 1 } });
    expect(r.edges).toEqual(expect.arrayContaining(['merge:out->merge_each_item', 'merge_each_item:item->print_badge']));
    expect(r.edges).not.toContain('merge:out->print_badge');
    // Inside the loop $json is the item; $input.all() is every merged item.
    expect(r.node('print_badge')?.config.body).toBe(
      '{{ { name: input.name, source: input.source, of: [].concat([].concat(steps.team ?? [], steps.guests?.body ?? []) ?? []).map((json) => ({ json })).length } }}',
    );
    expect(r.report.nodes.find((n) => n.nodeId === 'merge_each_item')).toMatchObject({ n8nType: '(added)', switchyardType: 'loop' });
  });

  it('adds no loop after a node that emits one item', () => {
    const r = convert(
      exportOf(
        [
          { name: 'Hook', type: 'webhook' },
          { name: 'One', type: 'code', parameters: { jsCode: 'return [{ json: { n: 1 } }];' } },
          { name: 'Post', type: 'httpRequest', parameters: post },
        ],
        { Hook: [['One']], One: [['Post']] },
      ),
    );
    expect(r.workflow.nodes.map((n) => n.type)).toEqual(['webhook', 'code', 'http']);
    expect(r.edges).toEqual(['hook:out->one', 'one:out->post']);
    expect(r.node('post')?.config.body).toBe('{{ { n: input.n, of: [].concat(input ?? []).map((json) => ({ json })).length } }}');
  });

  it('passes several items on through No-op and Code for each item, and loops where a per-item node takes them', () => {
    const r = convert(
      exportOf(
        [
          { name: 'Start', type: 'manualTrigger' },
          { name: 'Many', type: 'code', parameters: several },
          { name: 'Each', type: 'code', parameters: { mode: 'runOnceForEachItem', jsCode: 'return $input.item;' } },
          { name: 'Pass', type: 'noOp' },
          { name: 'Big?', type: 'if', parameters: { conditions: { number: [{ value1: '={{ $json.n }}', operation: 'larger', value2: 1 }] } } },
          { name: 'Post', type: 'httpRequest', parameters: post },
        ],
        { Start: [['Many']], Many: [['Each']], Each: [['Pass']], Pass: [['Big?']], 'Big?': [['Post']] },
      ),
    );
    expect(r.edges).toEqual(['start:out->many', 'many:out->each', 'each:out->pass', 'pass:out->pass_each_item', 'pass_each_item:item->big', 'big:true->post']);
    expect(r.node('pass_each_item')?.config.items).toBe('{{ [].concat(steps.each ?? []) }}');
    // The IF reads the item; the HTTP Request after it is inside the same loop and needs none.
    expect(JSON.stringify(r.node('big')?.config)).toContain('input.n');
    expect(r.node('post')?.config.body).toBe('{{ { n: input.n, of: [].concat(input ?? []).map((json) => ({ json })).length } }}');
  });

  it('gives each output of a several-items node its own loop, shared by the nodes on that output', () => {
    const r = convert(
      exportOf(
        [
          { name: 'Start', type: 'manualTrigger' },
          { name: 'Many', type: 'function', parameters: { functionCode: 'return items.concat(items);' } },
          { name: 'A', type: 'httpRequest', parameters: post },
          { name: 'B', type: 'httpRequest', parameters: post },
          { name: 'Count', type: 'code', parameters: { jsCode: 'return [{ json: { n: items.length } }];' } },
        ],
        { Start: [['Many']], Many: [['A'], ['B'], ['Count']] },
      ),
    );
    expect(r.workflow.nodes.filter((n) => n.type === 'loop').map((n) => n.id)).toEqual(['many_each_item']);
    expect(r.edges).toEqual(['start:out->many', 'many:out->many_each_item', 'many_each_item:item->a', 'many_each_item:item->b', 'many:out->count']);
  });

  it('hands a Code node after a Merge (append) every merged item, flattened, as n8n does', () => {
    const wf = fixture('30-merge-append-per-item.json') as { nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> };
    wf.nodes.push({ parameters: { jsCode: 'return [{ json: { count: $input.all().length } }];' }, name: 'Count', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 200] });
    wf.connections.Merge = {
      main: [
        [
          { node: 'Print badge', type: 'main', index: 0 },
          { node: 'Count', type: 'main', index: 0 },
        ],
      ],
    };
    const r = convert(wf);
    expect(r.edges).toContain('merge:out->count');
    expect(r.node('count')?.config.code).toContain('const __input = [].concat(steps.team ?? [], steps.guests?.body ?? []);');
  });
});
