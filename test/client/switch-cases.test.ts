import { describe, expect, it } from 'vitest';
import { fieldsOf, type JsonSchema } from '../../client/editor/inspector/form-schema.js';
import { addCase, caseIdProblem, moveCase, readCases, removeCase, renameCase } from '../../client/editor/inspector/switch-cases.js';
import { outputsOf } from '../../client/store/catalog.js';
import { info, makeStore } from './support.js';

const at = (x: number) => ({ x, y: 0 });
const cases = () => readCases(info('switch').defaults as Record<string, unknown>);

describe('the switch form', () => {
  it('draws the cases as a case list with the rule operators, and matchAll as a checkbox up front', () => {
    const form = fieldsOf('switch', info('switch').configSchema as JsonSchema);
    expect(form.map((f) => [f.key, f.kind, f.advanced])).toEqual([
      ['cases', 'cases', false],
      ['matchAll', 'boolean', false],
    ]);
    expect(form[0]?.options).toContain('greater_than');
  });

  it('adds a case with a fresh id and a condition that validates, so the node gets its handle at once', () => {
    const { cases: next, handles } = addCase(cases());
    expect(handles).toBeUndefined();
    expect(next.map((c) => c.id)).toEqual(['paid', 'failed', 'case_3']);
    expect(outputsOf('switch', { cases: next }).map((o) => o.id)).toEqual(['paid', 'failed', 'case_3', 'fallback']);
    expect(addCase([...next.slice(0, 1), { ...next[2]!, id: 'case_2' }]).cases.map((c) => c.id)).toEqual(['paid', 'case_2', 'case_3']);
  });

  it('removes, reorders and renames cases, saying which handles changed', () => {
    expect(removeCase(cases(), 0)).toEqual({ cases: [cases()[1]], handles: { removed: ['paid'] } });
    expect(moveCase(cases(), 1, -1).cases.map((c) => c.id)).toEqual(['failed', 'paid']);
    expect(moveCase(cases(), 0, -1).cases.map((c) => c.id)).toEqual(['paid', 'failed']);
    expect(renameCase(cases(), 0, 'settled')).toMatchObject({ handles: { renamed: { paid: 'settled' } } });
    expect(renameCase(cases(), 0, 'paid')?.handles).toBeUndefined();
  });

  it('refuses ids that cannot name a handle', () => {
    expect(caseIdProblem('', cases(), 0)).toMatch(/letters/);
    expect(caseIdProblem('has space', cases(), 0)).toMatch(/letters/);
    expect(caseIdProblem('fallback', cases(), 0)).toMatch(/no case matches/);
    expect(caseIdProblem('failed', cases(), 0)).toMatch(/Another case/);
    expect(renameCase(cases(), 0, 'failed')).toBeUndefined();
  });

  it('moves edges with a renamed case and drops them with a removed one, as one undoable edit', () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('webhook'), at(0));
    s.addNode(info('switch'), at(200));
    s.addNode(info('http'), at(400));
    s.updateConfig('http', { method: 'POST', url: 'https://crm.example.test/orders', headers: {} }, 'url'); // a new step's "https://" is not whole
    s.addNode(info('respond'), at(400));
    const c = (source: string, target: string, sourceHandle: string) => store.getState().connect({ source, target, sourceHandle, targetHandle: 'in' });
    expect(c('webhook', 'switch', 'out')).toBeUndefined();
    expect(c('switch', 'http', 'paid')).toBeUndefined();
    expect(c('switch', 'respond', 'failed')).toBeUndefined();
    const config = () => store.getState().nodes.find((n) => n.id === 'switch')?.data.config as Record<string, unknown>;
    const handles = () =>
      store
        .getState()
        .edges.filter((e) => e.source === 'switch')
        .map((e) => [e.sourceHandle, e.target]);

    const renamed = renameCase(readCases(config()), 0, 'settled');
    store.getState().updateConfig('switch', { ...config(), cases: renamed?.cases }, 'cases.0.id', renamed?.handles);
    expect(handles()).toEqual([
      ['settled', 'http'],
      ['failed', 'respond'],
    ]);
    expect(store.getState().validation.errors).toBe(0);

    const removed = removeCase(readCases(config()), 1);
    store.getState().updateConfig('switch', { ...config(), cases: removed.cases }, 'cases', removed.handles);
    expect(handles()).toEqual([['settled', 'http']]);
    expect(store.getState().validation.errors).toBe(0);

    store.getState().undo();
    expect(handles()).toEqual([
      ['settled', 'http'],
      ['failed', 'respond'],
    ]);
  });
});
