import { describe, expect, it } from 'vitest';
import { hasSideEffects } from '../../../server/engine/step-effects.js';
import { parsedConfigOf } from '../../../server/engine/node-config.js';
import { codeConfigSchema } from '../../../shared/nodes/code.node.js';
import type { WorkflowNode } from '../../../shared/graph/workflow-schema.js';

const node = (id: string, type: string, config: Record<string, unknown> = {}): WorkflowNode => ({ id, type, position: { x: 0, y: 0 }, config });

describe('hasSideEffects', () => {
  it('lets triggers, routing and code that never names store start before the commit', () => {
    for (const n of [node('hook', 'webhook'), node('m', 'manual'), node('b', 'branch'), node('f', 'filter'), node('s', 'switch'), node('g', 'merge')]) {
      expect(hasSideEffects(n), n.type).toBe(false);
    }
    expect(hasSideEffects(node('c', 'code', { code: 'return { n: trigger.body.n }' }))).toBe(false);
  });

  it('holds back everything that can reach outside the run, and what it does not know', () => {
    expect(hasSideEffects(node('c', 'code', { code: 'await store.set("k", 1); return 1' }))).toBe(true);
    expect(hasSideEffects(node('c', 'code', { code: 'const x = store; return 1' }))).toBe(true);
    expect(hasSideEffects(node('c', 'code', {}))).toBe(true);
    for (const type of ['http', 'datastore', 'dedupe', 'respond', 'wait', 'delay', 'approval', 'loop', 'subworkflow', 'slack', 'no-such-type']) {
      expect(hasSideEffects(node('x', type)), type).toBe(true);
    }
    expect(hasSideEffects(undefined)).toBe(true);
  });
});

describe('parsedConfigOf', () => {
  it('checks a node once and gives the same answer after, valid or not', () => {
    const good = node('c', 'code', { code: 'return 1' });
    const first = parsedConfigOf(good, codeConfigSchema);
    expect(first.success && first.data).toEqual({ code: 'return 1', memoryMb: 64, timeoutMs: 1000 });
    expect(parsedConfigOf(good, codeConfigSchema)).toBe(first);
    const bad = node('c', 'code', { code: 'return (' });
    expect(parsedConfigOf(bad, codeConfigSchema).success).toBe(false);
    // A different node object with the same config is checked on its own.
    expect(parsedConfigOf({ ...good }, codeConfigSchema)).not.toBe(first);
  });
});
