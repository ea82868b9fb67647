import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertN8nWorkflow } from '../../../shared/import/n8n/convert.js';
import { mappers } from '../../../shared/import/n8n/mappers/index.js';

const dir = join(import.meta.dirname, '../../fixtures/n8n');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort();
const load = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));

describe('the n8n corpus', () => {
  it('has at least 25 workflows', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it('covers every mapped n8n node type', () => {
    const used = new Set(fixtures.flatMap((f) => (load(f) as { nodes: Array<{ type: string }> }).nodes.map((n) => n.type.replace('n8n-nodes-base.', ''))));
    expect(Object.keys(mappers).filter((t) => !used.has(t))).toEqual([]);
  });

  it.each(fixtures)('%s converts into a workflow that validates, the same twice', (f) => {
    const first = convertN8nWorkflow(load(f));
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    expect(first.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(convertN8nWorkflow(load(f))).toEqual(first);
    // Every n8n node is accounted for in the report.
    const n8nNodes = (load(f) as { nodes: unknown[] }).nodes.length;
    expect(first.report.nodes.filter((n) => n.n8nType !== '(added)').length).toBe(n8nNodes);
  });
});
